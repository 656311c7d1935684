//! `svcacct api` and `svcacct completions`.

use clap::Args;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
    /// Print the registration for dynamic completion instead (also completes service-account and
    /// webhook ids and profile names, asking the API)
    #[arg(long)]
    pub dynamic: bool,
}

#[derive(Debug, Args)]
pub struct ApiArgs {
    /// The path under the API, e.g. /api/v1/me ({company} becomes your company id); an HTTP
    /// method before it (GET, POST, PATCH, PUT, DELETE) is the same as -X
    #[arg(value_name = "[METHOD] PATH", num_args = 1..=2, required = true)]
    pub words: Vec<String>,
    /// The HTTP method (default GET, or POST when fields are given)
    #[arg(short = 'X', long, value_name = "METHOD")]
    pub method: Option<String>,
    /// A string field KEY=VALUE (repeatable): JSON body, or query parameter for GET;
    /// KEY[SUB]=V nests, KEY[]=V appends to an array
    #[arg(short = 'f', long = "raw-field", value_name = "KEY=VALUE")]
    pub raw_fields: Vec<String>,
    /// A typed field KEY=VALUE: numbers, true, false and null become JSON values, @FILE reads
    /// the value from a file and @- from stdin; nested keys as with -f (repeatable)
    #[arg(short = 'F', long = "field", value_name = "KEY=VALUE")]
    pub fields: Vec<String>,
    /// The request body from a file (- for stdin)
    #[arg(long, value_name = "FILE", conflicts_with_all = ["raw_fields", "fields"])]
    pub input: Option<std::path::PathBuf>,
    /// An extra request header 'Name: value' (repeatable); 'Name: @FILE' or 'Name: @-' reads
    /// the value from a file or stdin (for keys: never put a secret on the command line)
    #[arg(short = 'H', long = "header", value_name = "NAME: VALUE")]
    pub headers: Vec<String>,
    /// Follow `Link: rel="next"` and print every page (arrays are merged into one)
    #[arg(long)]
    pub paginate: bool,
    /// Print the response status and headers to stderr
    #[arg(short = 'i', long)]
    pub include: bool,
    /// Print no response body (the exit code still tells success)
    #[arg(long)]
    pub silent: bool,
}
