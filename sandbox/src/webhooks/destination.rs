//! Where a webhook may deliver (SSRF defence). A destination is https (plain http only to
//! loopback, and loopback only when the sandbox was started with `--allow-loopback-webhooks`
//! for local testing), carries no credentials in its URL, and never reaches a private,
//! link-local, loopback, unspecified or otherwise internal address: refused at create/update
//! time when the host is such a literal address, and again at delivery time after DNS, where
//! the delivery client's resolver refuses names that resolve to one (so a name cannot be
//! pointed at an internal address after it was accepted).

use std::net::{IpAddr, Ipv4Addr, SocketAddr};

/// Whether the platform may connect to `ip`.
pub fn ip_allowed(ip: IpAddr, allow_loopback: bool) -> bool {
    match ip {
        IpAddr::V4(v4) => v4_allowed(v4, allow_loopback),
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return v4_allowed(v4, allow_loopback);
            }
            let seg = v6.segments();
            // NAT64 (64:ff9b::/96) embeds an IPv4 address.
            if seg[0] == 0x64 && seg[1] == 0xff9b && seg[2..6] == [0, 0, 0, 0] {
                let [a, b] = seg[6].to_be_bytes();
                let [c, d] = seg[7].to_be_bytes();
                return v4_allowed(Ipv4Addr::new(a, b, c, d), allow_loopback);
            }
            if v6.is_loopback() {
                return allow_loopback;
            }
            // SIIT (::ffff:0:a.b.c.d) embeds an IPv4 address too.
            if seg[0..4] == [0, 0, 0, 0] && seg[4] == 0xffff && seg[5] == 0 {
                let [a, b] = seg[6].to_be_bytes();
                let [c, d] = seg[7].to_be_bytes();
                return v4_allowed(Ipv4Addr::new(a, b, c, d), allow_loopback);
            }
            // Only global unicast (2000::/3), and not the tunnels that carry IPv4 inside:
            // 6to4 (2002::/16) and Teredo (2001::/32).
            if (seg[0] & 0xe000) != 0x2000 || seg[0] == 0x2002 || (seg[0] == 0x2001 && seg[1] == 0)
            {
                return false;
            }
            !(v6.is_unspecified()
                || v6.is_multicast()
                || (seg[0] & 0xfe00) == 0xfc00 // unique local fc00::/7
                || (seg[0] & 0xffc0) == 0xfe80 // link-local fe80::/10
                || (seg[0] & 0xffc0) == 0xfec0 // site-local fec0::/10
                || (seg[0..6] == [0, 0, 0, 0, 0, 0])) // IPv4-compatible ::a.b.c.d
        }
    }
}

fn v4_allowed(ip: Ipv4Addr, allow_loopback: bool) -> bool {
    if ip.is_loopback() {
        return allow_loopback;
    }
    let [a, b, ..] = ip.octets();
    !(ip.is_private()
        || ip.is_link_local() // 169.254/16, cloud metadata
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_multicast()
        || ip.is_documentation()
        || a == 0 // "this network"
        || (a == 100 && (64..128).contains(&b)) // shared address space 100.64/10
        || (a == 192 && b == 0 && ip.octets()[2] == 0) // IETF protocol assignments
        || (a == 198 && (b == 18 || b == 19)) // benchmarking
        || a >= 240) // reserved
}

/// Whether `url` names this machine (a loopback address or a `localhost` name).
pub fn is_loopback(url: &url::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => {
            ip.is_loopback() || ip.to_ipv4_mapped().is_some_and(|v4| v4.is_loopback())
        }
        Some(url::Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        None => false,
    }
}

/// A URL the platform may deliver to, or why not (for a 422 and for the delivery log).
pub fn check(raw: &str, allow_loopback: bool) -> Result<url::Url, String> {
    let url = url::Url::parse(raw).map_err(|_| format!("'{raw}' is not a URL"))?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err(
            "the URL carries credentials (user:password@); use basic_auth or a hidden header instead"
                .into(),
        );
    }
    let literal = match url.host() {
        None => return Err(format!("'{raw}' has no host")),
        Some(url::Host::Ipv4(ip)) => Some(IpAddr::V4(ip)),
        Some(url::Host::Ipv6(ip)) => Some(IpAddr::V6(ip)),
        Some(url::Host::Domain(_)) => None,
    };
    let is_loopback = is_loopback(&url);
    match url.scheme() {
        "https" => {}
        "http" if is_loopback => {}
        _ => {
            return Err(format!(
                "'{raw}': webhook destinations must use https (plain http only to loopback, for local testing)"
            ));
        }
    }
    if is_loopback && !allow_loopback {
        return Err(format!(
            "'{raw}' is this server itself (loopback); start the sandbox with --allow-loopback-webhooks to deliver to a local receiver"
        ));
    }
    if let Some(ip) = literal
        && !ip_allowed(ip, allow_loopback)
    {
        return Err(format!(
            "'{raw}' is a private, link-local or otherwise internal address; webhooks deliver to public destinations only"
        ));
    }
    Ok(url)
}

/// The delivery client's DNS: resolves as usual, then refuses the whole answer if any address
/// is one the platform may not connect to.
#[derive(Clone, Copy, Debug)]
pub struct GuardedResolver {
    pub allow_loopback: bool,
}

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let allow_loopback = self.allow_loopback;
        Box::pin(async move {
            let host = name.as_str().to_string();
            let addrs: Vec<SocketAddr> =
                tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if addrs.iter().any(|a| !ip_allowed(a.ip(), allow_loopback)) {
                // Which address is not said: the delivery log must not map internal names.
                return Err(format!("{host}: destination not allowed").into());
            }
            let addrs: reqwest::dns::Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_refused() {
        for bad in [
            "https://10.1.2.3/h",
            "https://172.16.0.1/h",
            "https://192.168.1.1/h",
            "http://169.254.169.254/latest/meta-data/",
            "https://169.254.169.254/",
            "https://100.64.0.1/",
            "https://0.0.0.0/",
            "https://[::]/",
            "https://[fd00::1]/",
            "https://[fe80::1]/",
            "https://[::ffff:10.0.0.1]/",
            "https://[::ffff:127.0.0.1]/",
            "https://[64:ff9b::a00:1]/",
            "https://[::ffff:0:a00:1]/",
            "https://[2002:a00:1::1]/",
            "https://[2001:0:4136:e378::1]/",
            "https://[64:ff9b:1::a00:1]/",
            "https://127.0.0.1:22/",
            "http://127.0.0.1:22/",
            "http://localhost:8080/",
            "https://user:pw@hooks.example.com/",
            "https://token@hooks.example.com/",
            "http://hooks.example.com/",
            "ftp://hooks.example.com/",
        ] {
            assert!(check(bad, false).is_err(), "{bad} was accepted");
        }
        assert!(check("https://hooks.example.com/in", false).is_ok());
        assert!(check("https://93.184.216.34/in", false).is_ok());
        assert!(check("https://[2606:2800:220:1::1]/in", false).is_ok());
        // The local-testing flag opens loopback only.
        assert!(check("http://127.0.0.1:9000/in", true).is_ok());
        assert!(check("http://[::1]:9000/in", true).is_ok());
        assert!(check("http://localhost:9000/in", true).is_ok());
        assert!(check("https://10.0.0.1/in", true).is_err());
        assert!(check("https://169.254.169.254/", true).is_err());
    }

    /// At delivery time a name is resolved and refused if it points inside: here `localhost`,
    /// which resolves to loopback from /etc/hosts on every machine.
    #[tokio::test]
    async fn names_resolving_inside_are_refused_at_delivery() {
        use reqwest::dns::Resolve;
        use std::str::FromStr;
        let name = || reqwest::dns::Name::from_str("localhost").unwrap();
        let refused = GuardedResolver {
            allow_loopback: false,
        }
        .resolve(name())
        .await;
        let err = refused
            .err()
            .expect("localhost was resolved for delivery")
            .to_string();
        assert!(
            err.contains("destination not allowed") && !err.contains("127.0.0.1"),
            "{err}"
        );
        let allowed = GuardedResolver {
            allow_loopback: true,
        }
        .resolve(name())
        .await;
        assert!(allowed.is_ok_and(|mut addrs| addrs.next().is_some()));
    }
}
