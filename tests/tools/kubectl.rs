//! A real kubectl with the kubeconfig from docs/credential-helpers.md: `kubectl get pods` against
//! a small Kubernetes-API-shaped server that checks each bearer token at the sandbox (issue 17:
//! v1beta1 configs failed and retried, every kubectl process minted a token, and a revoked
//! cached token was served until it expired).

use crate::harness::*;
use std::path::{Path, PathBuf};

/// The yaml block of the kubectl section in docs/credential-helpers.md.
pub fn documented_kubeconfig() -> String {
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/credential-helpers.md"),
    )
    .unwrap();
    let block = doc
        .split("```yaml\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a yaml block in docs/credential-helpers.md");
    block.to_string()
}

/// A self-signed certificate for 127.0.0.1 (kubectl sends no credentials over plain http).
pub fn self_signed(dir: &Path) -> (PathBuf, PathBuf) {
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let out = std::process::Command::new("openssl")
        .args([
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
        ])
        .args(["-nodes", "-days", "1", "-subj", "/CN=127.0.0.1"])
        .args(["-addext", "subjectAltName=IP:127.0.0.1"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (cert, key)
}

/// A Kubernetes API server as kubectl sees one for `get pods` (tests/cli/kube_api.py), each
/// bearer token checked at the sandbox; stopped when dropped.
struct KubeApi {
    server: ScriptServer,
    cert: PathBuf,
    _dir: tempfile::TempDir,
}

impl KubeApi {
    fn start(sandbox: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let (cert, key) = self_signed(dir.path());
        let server = ScriptServer::start(
            "kube_api.py",
            &[cert.as_os_str(), key.as_os_str(), sandbox.as_ref()],
            dir.path().join("requests.jsonl"),
        );
        KubeApi {
            server,
            cert,
            _dir: dir,
        }
    }

    /// Each request: (path, bearer token, status).
    fn seen(&self) -> Vec<(String, String, u16)> {
        self.server
            .requests()
            .iter()
            .map(|v| {
                (
                    v["path"].as_str().unwrap().to_string(),
                    v["token"].as_str().unwrap().to_string(),
                    v["status"].as_u64().unwrap() as u16,
                )
            })
            .collect()
    }
}

struct Kube {
    m: Machine,
    config: PathBuf,
}

impl Kube {
    fn new(sb: &Sandbox, kube: &KubeApi, api_version: &str) -> Self {
        let mut m = Machine::new();
        m.set(
            "PATH",
            format!(
                "{}:{}",
                bin_dir().display(),
                std::env::var("PATH").unwrap_or_default()
            ),
        );
        let sa = &sb.bootstrap().service_account;
        let config = documented_kubeconfig()
            .replace(
                "    server: https://k8s.example.com",
                &format!(
                    "    server: {}\n    certificate-authority: {}",
                    kube.server.url,
                    kube.cert.display()
                ),
            )
            .replace("https://api.example.com", &sb.url())
            .replace("YOUR_CLIENT_ID", &sa.client_id)
            .replace("YOUR_CLIENT_SECRET", &sa.client_secret)
            .replace("client.authentication.k8s.io/v1", api_version);
        let path = m.home.path().join("kubeconfig");
        std::fs::write(&path, config).unwrap();
        Kube { m, config: path }
    }

    fn get_pods(&self) -> (bool, String) {
        let out = wait_bounded(
            self.m
                .command_for("kubectl")
                .arg("--kubeconfig")
                .arg(&self.config)
                .args(["get", "pods", "--request-timeout=20s"])
                .stdin(std::process::Stdio::null())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .expect("kubectl runs (it is in the machine image)"),
            std::time::Duration::from_secs(90),
        );
        (
            out.status.success(),
            format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            ),
        )
    }
}

#[test]
fn kubectl_get_pods_with_the_documented_kubeconfig() {
    let sb = Sandbox::start();
    let kube = KubeApi::start(&sb.url());
    let k = Kube::new(&sb, &kube, "client.authentication.k8s.io/v1");
    let before = sb.token_requests("client_credentials");
    for i in 0..10 {
        let (ok, out) = k.get_pods();
        assert!(ok, "run {i}: {out}");
        assert!(out.contains("erp-sync-7d9f"), "run {i}: {out}");
    }
    assert_eq!(
        sb.token_requests("client_credentials") - before,
        1,
        "10 kubectl processes with environment credentials: one token request"
    );
    // Where a keychain answers, the cached token is there, not in a file.
    let files: Vec<_> = std::fs::read_dir(k.m.home.path().join(".cache/svcacct/tokens"))
        .map(|d| d.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    assert!(
        !files
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "json")),
        "no token file where the keychain serves: {files:?}"
    );
    let listed: Vec<_> = kube
        .seen()
        .into_iter()
        .filter(|(path, _, _)| path == "/api/v1/namespaces/default/pods")
        .collect();
    assert_eq!(listed.len(), 10);
    assert!(listed.iter().all(|(_, _, status)| *status == 200));
    let sa = &sb.bootstrap().service_account;

    // The cached token revoked at the server: kubectl is refused until `token --refresh`.
    let token = listed.last().unwrap().1.clone();
    revoke_as_demo_service_account(&sb, &token);
    let (ok, out) = k.get_pods();
    assert!(!ok && out.contains("You must be logged in"), "{out}");
    let mut refresh = k.m.command_for("svcacct");
    refresh.args(["token", "--refresh"]);
    for (name, value) in [
        ("SVCACCT_API_URL", sb.url()),
        ("SVCACCT_CLIENT_ID", sa.client_id.clone()),
        ("SVCACCT_CLIENT_SECRET", sa.client_secret.clone()),
    ] {
        refresh.env(name, value);
    }
    let fresh = refresh.output().unwrap();
    assert!(fresh.status.success());
    let fresh = String::from_utf8(fresh.stdout).unwrap();
    assert_ne!(fresh.trim(), token, "--refresh mints a new token");
    let (ok, out) = k.get_pods();
    assert!(ok, "after --refresh: {out}");
    assert_eq!(sb.token_requests("client_credentials") - before, 2);
}

/// kubeconfigs written for older clusters say v1beta1: the answer is v1beta1, at the first try.
#[test]
fn kubectl_with_a_v1beta1_exec_config() {
    let sb = Sandbox::start();
    let kube = KubeApi::start(&sb.url());
    let k = Kube::new(&sb, &kube, "client.authentication.k8s.io/v1beta1");
    let before = sb.token_requests("client_credentials");
    let (ok, out) = k.get_pods();
    assert!(ok, "{out}");
    assert!(out.contains("erp-sync-7d9f"), "{out}");
    assert!(!out.contains("plugin returned version"), "{out}");
    assert_eq!(sb.token_requests("client_credentials") - before, 1);
    // An apiVersion svcacct does not speak: one clear line, not a wrong answer.
    let run = k
        .m
        .command(&["token", "--format", "exec-credential"])
        .env(
            "KUBERNETES_EXEC_INFO",
            r#"{"kind":"ExecCredential","apiVersion":"client.authentication.k8s.io/v2","spec":{"interactive":false}}"#,
        )
        .env("SVCACCT_TOKEN", "sba_unused")
        .env("SVCACCT_API_URL", sb.url())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("v2"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// Without a keychain (a CI container), tokens minted from environment client credentials are
/// cached in a 0600 file in a 0700 directory — tokens only, never the secret — and a cache
/// directory others can read is refused with a warning (the command still works).
#[test]
fn environment_credentials_cache_in_a_private_file_without_a_keychain() {
    use std::os::unix::fs::PermissionsExt;
    let sb = Sandbox::start();
    let sa = &sb.bootstrap().service_account;
    let mut ci = Machine::new();
    // A CI container: no Secret Service, and keyctl refused (Docker's seccomp profile).
    ci.set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", &sa.client_id)
        .set("SVCACCT_CLIENT_SECRET", &sa.client_secret)
        .set("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .set("SVCACCT_TEST_NO_KEYCTL", "1");
    let before = sb.token_requests("client_credentials");
    let token = ci.run(&["token"]).ok().stdout.trim().to_string();
    assert_eq!(ci.run(&["token"]).ok().stdout.trim(), token);
    assert_eq!(sb.token_requests("client_credentials") - before, 1);
    // Another token endpoint (another tenant of one IdP) is another cache entry.
    let mut other = Machine::new();
    other
        .set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", &sa.client_id)
        .set("SVCACCT_CLIENT_SECRET", &sa.client_secret)
        .set("SVCACCT_TOKEN_URL", format!("{}/oauth/token", sb.url()))
        .set("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
        .set("SVCACCT_TEST_NO_KEYCTL", "1")
        .set("HOME", ci.home.path().to_str().unwrap())
        .set(
            "XDG_CONFIG_HOME",
            ci.home.path().join(".config").to_str().unwrap(),
        );
    assert_ne!(other.run(&["token"]).ok().stdout.trim(), token);
    assert_eq!(sb.token_requests("client_credentials") - before, 2);
    // `exec` becomes the command: neither its environment nor its parent's holds the secret.
    let seen = ci
        .run(&[
            "exec",
            "--",
            "sh",
            "-c",
            "test -n \"$SVCACCT_TOKEN\" && echo has-token; env | grep -v '^SVCACCT_TOKEN='; \
             tr '\\0' '\\n' < /proc/$PPID/environ",
        ])
        .ok();
    assert!(seen.stdout.contains("has-token"), "the child has the token");
    assert_no_secret(&seen.stdout, &[&sa.client_secret]);
    let dir = ci.home.path().join(".cache/svcacct/tokens");
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir), 0o700);
    let file = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| std::fs::read_to_string(p).is_ok_and(|t| t.contains(&token)))
        .expect("the first token's cache file");
    assert_eq!(mode(&file), 0o600);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(&token));
    assert_no_secret(&text, &[&sa.client_secret]);
    // Under $XDG_RUNTIME_DIR where the session has one.
    let runtime = ci.home.path().join("run");
    std::fs::create_dir(&runtime).unwrap();
    std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    ci.set("XDG_RUNTIME_DIR", runtime.to_str().unwrap());
    ci.run(&["token"]).ok();
    assert!(runtime.join("svcacct/tokens").is_dir());
    // A cache directory others may read: not used, one warning, and the token still comes.
    std::fs::set_permissions(
        runtime.join("svcacct/tokens"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    let run = ci.run(&["token"]).ok();
    assert!(run.stdout.trim().starts_with("sba_") || !run.stdout.trim().is_empty());
    assert!(run.stderr.contains("not private"), "{}", run.stderr);
    assert!(run.stderr.contains("chmod 700"), "{}", run.stderr);
}

/// The environment token cache is keyed by a hash of the secret too: after a rotation, a job
/// with the new secret gets a token of its own, never the one the old secret minted.
#[test]
fn another_secret_never_gets_the_cached_token() {
    let sb = Sandbox::start();
    let sa = sb.bootstrap().service_account.clone();
    let owner = sb.bootstrap().user("owner").clone();
    let (admin, _) = signed_in_as(&sb, &owner.login, &owner.password);
    let new_secret = admin.home.path().join("new-secret");
    admin
        .run(&[
            "sa",
            "rotate-secret",
            &sa.id.to_string(),
            "--secret-file",
            new_secret.to_str().unwrap(),
        ])
        .ok();
    let new_secret = std::fs::read_to_string(&new_secret)
        .unwrap()
        .trim()
        .to_string();
    let mut ci = Machine::new();
    ci.set("SVCACCT_API_URL", sb.url())
        .set("SVCACCT_CLIENT_ID", &sa.client_id)
        .set("SVCACCT_CLIENT_SECRET", &sa.client_secret);
    let before = sb.token_requests("client_credentials");
    let old_token = ci.run(&["token"]).ok().stdout;
    assert_eq!(ci.run(&["token"]).ok().stdout, old_token, "cached");
    ci.set("SVCACCT_CLIENT_SECRET", &new_secret);
    let new_token = ci.run(&["token"]).ok().stdout;
    assert_ne!(new_token, old_token);
    assert_eq!(sb.token_requests("client_credentials") - before, 2);
}
