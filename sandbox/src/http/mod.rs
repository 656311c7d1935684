//! What every API route shares, by job: the caller ([`principal`]: who, and what they may do),
//! bearer authentication and the rate limit ([`auth`]), request bodies ([`body`]), the one
//! error shape for extractor rejections ([`errors`]) and pagination ([`paging`]), store work off the async workers with one checkout per request
//! ([`leased`]).

pub mod auth;
pub mod body;
pub mod errors;
pub mod leased;
pub mod paging;
pub mod principal;

pub use auth::{authenticate, authenticate_inline};
pub use body::{buffered, object_bodies};
pub use paging::{PageQuery, paginated};
pub use principal::{
    CREDENTIALS_SCOPE, Principal, first_party_only, require_company_admin, require_directory,
    require_first_party, require_member, require_tool, require_user_manager,
};
