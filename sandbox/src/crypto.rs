//! Random values, hashes and constant-time comparison used by the sandbox.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use rand::RngCore;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// `bytes` random bytes, base64url without padding.
pub fn random_string(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rng().fill_bytes(&mut buf);
    URL_SAFE_NO_PAD.encode(buf)
}

/// A random token with a recognisable prefix (secret scanners key on these).
pub fn random_token(prefix: &str) -> String {
    format!("{prefix}{}", random_string(32))
}

/// Hex SHA-256: how tokens, codes and client secrets are stored (they are high-entropy,
/// so a fast hash is enough; passwords use argon2).
pub fn sha256_hex(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(value.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(HEX[usize::from(b >> 4)] as char);
        out.push(HEX[usize::from(b & 15)] as char);
    }
    out
}

/// Compare a presented secret against a stored SHA-256 hex digest in constant time.
pub fn secret_matches(presented: &str, stored_hash: &str) -> bool {
    let computed = sha256_hex(presented);
    computed.as_bytes().ct_eq(stored_hash.as_bytes()).into()
}

pub fn hash_password(password: &str) -> String {
    let mut salt_bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut salt_bytes);
    let salt = SaltString::encode_b64(&salt_bytes).expect("16 bytes is a valid salt");
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing with default parameters cannot fail")
        .to_string()
}

pub fn verify_password(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => false,
    }
}

/// base64url(SHA-256(verifier)), the PKCE S256 transform (RFC 7636 §4.2).
pub fn pkce_s256(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_matching_is_exact() {
        let h = sha256_hex("s3cret");
        assert!(secret_matches("s3cret", &h));
        assert!(!secret_matches("s3cres", &h));
        assert!(!secret_matches("", &h));
    }

    #[test]
    fn passwords_round_trip() {
        let h = hash_password("pw-123");
        assert!(verify_password("pw-123", &h));
        assert!(!verify_password("pw-124", &h));
        assert!(!verify_password("pw-123", "not a hash"));
    }

    #[test]
    fn pkce_matches_rfc7636_appendix_b() {
        assert_eq!(
            pkce_s256("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}

/// The key that seals webhook secrets at rest: `DIR/webhook.key`, 32 random bytes, mode 0600,
/// made on first start.
pub struct SealKey([u8; 32]);

impl SealKey {
    pub fn load_or_create(dir: &std::path::Path) -> std::io::Result<Self> {
        let path = dir.join("webhook.key");
        match std::fs::read(&path) {
            Ok(bytes) if bytes.len() == 32 => {
                let mut key = [0u8; 32];
                key.copy_from_slice(&bytes);
                Ok(SealKey(key))
            }
            Ok(_) => Err(std::io::Error::other(format!(
                "{} is not a 32-byte key",
                path.display()
            ))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut key = [0u8; 32];
                rand::rng().fill_bytes(&mut key);
                let mut opts = std::fs::OpenOptions::new();
                opts.write(true).create_new(true);
                #[cfg(unix)]
                {
                    use std::os::unix::fs::OpenOptionsExt;
                    opts.mode(0o600);
                }
                use std::io::Write;
                opts.open(&path)?.write_all(&key)?;
                Ok(SealKey(key))
            }
            Err(e) => Err(e),
        }
    }

    /// XChaCha20-Poly1305 with a random nonce: base64(nonce || ciphertext).
    pub fn seal(&self, plaintext: &str) -> String {
        use chacha20poly1305::aead::{Aead, KeyInit};
        let cipher =
            chacha20poly1305::XChaCha20Poly1305::new_from_slice(&self.0).expect("32-byte key");
        let mut nonce = [0u8; 24];
        rand::rng().fill_bytes(&mut nonce);
        let sealed = cipher
            .encrypt(
                chacha20poly1305::XNonce::from_slice(&nonce),
                plaintext.as_bytes(),
            )
            .expect("encryption of a short value cannot fail");
        base64::engine::general_purpose::STANDARD.encode([nonce.as_slice(), &sealed].concat())
    }

    pub fn open(&self, sealed: &str) -> Option<String> {
        use chacha20poly1305::aead::{Aead, KeyInit};
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(sealed)
            .ok()?;
        if bytes.len() < 24 {
            return None;
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let cipher = chacha20poly1305::XChaCha20Poly1305::new_from_slice(&self.0).ok()?;
        let plain = cipher
            .decrypt(chacha20poly1305::XNonce::from_slice(nonce), ciphertext)
            .ok()?;
        String::from_utf8(plain).ok()
    }
}

#[cfg(test)]
mod seal_tests {
    use super::SealKey;

    #[test]
    fn sealed_values_round_trip_and_hide_the_plaintext() {
        let dir = tempfile::tempdir().unwrap();
        let key = SealKey::load_or_create(dir.path()).unwrap();
        let sealed = key.seal("hunter2");
        assert!(!sealed.contains("hunter2"));
        assert_ne!(sealed, key.seal("hunter2"), "a fresh nonce each time");
        assert_eq!(key.open(&sealed).as_deref(), Some("hunter2"));
        let again = SealKey::load_or_create(dir.path()).unwrap();
        assert_eq!(
            again.open(&sealed).as_deref(),
            Some("hunter2"),
            "the key survives a restart"
        );
        assert!(key.open("garbage").is_none());
    }
}
