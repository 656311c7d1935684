//! A database failure, as the API and the token endpoint answer it: a logged internal error.

use crate::error::{ApiError, OAuthError};

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::internal(e)
    }
}

impl From<rusqlite::Error> for OAuthError {
    fn from(e: rusqlite::Error) -> Self {
        crate::log_line!("internal error: {e}");
        OAuthError::new("server_error", "internal server error")
    }
}
