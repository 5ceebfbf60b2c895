//! This run's random values: the token of the printed URL, the cookie's session and the forms'
//! token, new at each start. Apart from the guards that check them, so the server's state can hold
//! them without the guards and the state importing each other.

/// This run's random values: the URL's token, the cookie's session and the forms' token.
pub(super) struct Secrets {
    /// The token of the printed URL.
    pub(super) token: String,
    /// The cookie's value once the token was shown.
    pub(super) session: String,
    /// The hidden field of every form.
    pub(super) form: String,
}

impl Secrets {
    /// Fresh secrets from the operating system's random source.
    pub(super) fn new() -> Result<Self, getrandom::Error> {
        Ok(Self { token: random_hex()?, session: random_hex()?, form: random_hex()? })
    }

    /// The URL's token.
    pub(super) fn token(&self) -> &str {
        &self.token
    }

    /// The hidden form token pages embed.
    pub(super) fn form(&self) -> &str {
        &self.form
    }
}

/// 32 random bytes as hex.
fn random_hex() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}
