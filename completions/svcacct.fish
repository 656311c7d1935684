# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_svcacct_global_optspecs
    string join \n profile= api= v/verbose json q/jq= company= h/help V/version
end

function __fish_svcacct_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_svcacct_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_svcacct_using_subcommand
    set -l cmd (__fish_svcacct_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c svcacct -n "__fish_svcacct_needs_command" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_needs_command" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_needs_command" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_needs_command" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_needs_command" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_needs_command" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c svcacct -n "__fish_svcacct_needs_command" -s V -l version -d 'Print version'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "login" -d 'Sign in: browser (authorization code + PKCE), a code on any device (device flow), client credentials, or a personal access token'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "logout" -d 'Revoke the profile\'s tokens at the server and delete them locally'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "token" -d 'Print a valid access token (cached, refreshed or re-minted) and nothing else'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "exec" -d 'Run a command with a valid access token in its environment (never in its arguments)'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "git-credential" -d 'Git\'s credential helper: `git config credential.helper \'!svcacct git-credential\'`'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "status" -d 'Show who you are signed in as, where credentials are stored and when the token expires'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "service-accounts" -d 'Manage service accounts: client-credentials integrations of your company'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "sa" -d 'Manage service accounts: client-credentials integrations of your company'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "reset-secret" -d 'Reset a service account\'s client secret (the same as `service-accounts reset-secret`)'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "tokens" -d 'Personal access tokens: yours, or (user managers) other users\''
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "users" -d 'The company directory and the API-access permission'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "webhooks" -d 'Webhooks: where the platform POSTs events (account owners only)'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "apps" -d 'App installs: review the permissions an app asks for, approve or deny, uninstall'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "audit" -d 'Every credential you may see, with created / last used / expires, checked against rules (default unused>90d,age>180d,expires<14d); --fail-on exits 10 (for CI alerts)'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "api" -d 'Call any API endpoint with your credentials (like `gh api`): prints the JSON answer'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "completions" -d 'Print a shell completion script (never edits your shell\'s files)'
complete -c svcacct -n "__fish_svcacct_needs_command" -f -a "help" -d 'Help for a command, or a topic: `svcacct help exit-codes`'
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l provider -d 'A platform preset: its endpoints, redirect rules, token header and rate limits, so no endpoint flag is needed (default: discovery from --api; kept in the profile)' -r -f -a "svcacct\t'svcacct\'s own platform (and svcacct-sandbox): RFC 8414 discovery, PKCE, Bearer tokens'
procore\t'Procore: fixed OAuth endpoints, confidential apps without PKCE, Procore-Company-Id'
planradar\t'PlanRadar: personal access tokens in X-PlanRadar-API-Key, 30 requests a minute'
oidc\t'Any OpenID Connect provider: OpenID discovery, the openid (+ offline_access) scope requested'"
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l client-id -d 'OAuth client id (default for browser login: svcacct-cli)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l auth-method -d 'How to send the client secret to the token endpoint (default: what the server supports, basic first)' -r -f -a "basic\t'HTTP Basic (client_secret_basic)'
post\t'In the form body (client_secret_post)'"
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l redirect-uri -d 'The registered redirect URI: with --no-browser the one the provider shows the code on (default urn:ietf:wg:oauth:2.0:oob); for a browser sign-in an exact http://localhost:PORT/PATH, listened on at that port and path (default: any free port)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l scope -d 'OAuth scope to request (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l authorize-url -d 'Authorization endpoint, for providers without RFC 8414 metadata' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l token-url -d 'Token endpoint, for providers without RFC 8414 metadata' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l revocation-url -d 'Revocation endpoint (RFC 7009), for providers without RFC 8414 metadata' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l timeout -d 'Seconds to wait for the browser sign-in (default 300), or at most for a device code\'s approval (default: the code\'s own lifetime)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l client-credentials -d 'Use the client credentials grant (a service account) instead of the browser'
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l client-secret-stdin -d 'Read the client secret from stdin (client credentials: else SVCACCT_CLIENT_SECRET, else a hidden prompt; browser login: for confidential clients such as Procore or marketplace apps, else SVCACCT_CLIENT_SECRET; with --no-browser the first line, the code after it)'
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l with-token -d 'Store a personal access token read from stdin'
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l no-browser -d 'Print the sign-in URL and read the pasted redirect URL or code from stdin'
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l device -d 'Sign in with a code entered on any device (RFC 8628 device flow): for SSH sessions and containers. Without a flag, login picks: loopback on a desktop, the device flow over SSH or without a display (where offered), else paste-the-code'
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l insecure-storage -d 'Keep credentials in a plaintext 0600 file instead of the OS keychain'
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand login" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c svcacct -n "__fish_svcacct_using_subcommand logout" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand logout" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand logout" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand logout" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand logout" -l force -d 'Delete local credentials even if the server cannot be reached to revoke them'
complete -c svcacct -n "__fish_svcacct_using_subcommand logout" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand logout" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand logout" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand token" -l format -d 'How to print it (--json is the same as --format json)' -r -f -a "text\t'The token alone, for scripts and command substitution'
json\t'{"access_token", "token_type", "expires_at"}'
exec-credential\t'A Kubernetes client.authentication.k8s.io/v1 ExecCredential (kubectl exec plugins)'"
complete -c svcacct -n "__fish_svcacct_using_subcommand token" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand token" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand token" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand token" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand token" -l refresh -d 'Mint (or refresh) a new token even if the cached one has not expired: for a token the server revoked early'
complete -c svcacct -n "__fish_svcacct_using_subcommand token" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand token" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand token" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c svcacct -n "__fish_svcacct_using_subcommand exec" -l env -d 'The environment variable that carries the token' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand exec" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand exec" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand exec" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand exec" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand exec" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand exec" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand exec" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand git-credential" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand git-credential" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand git-credential" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand git-credential" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand git-credential" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand git-credential" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand git-credential" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c svcacct -n "__fish_svcacct_using_subcommand status" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand status" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand status" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand status" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand status" -l offline -d 'Do not ask the server whether the token still works'
complete -c svcacct -n "__fish_svcacct_using_subcommand status" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand status" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand status" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "list" -d 'List service accounts (a table on a terminal, tab-separated when piped)'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "create" -d 'Create a service account; its client secret is shown once'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "view" -d 'Show a service account and its permissions'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "update" -d 'Change a service account\'s name, description or permissions'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "delete" -d 'Delete a service account; its tokens stop working at once'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "reset-secret" -d 'Issue a new client secret; the old one, its tokens, and all permissions are reset (an incident); for a planned rotation without downtime use rotate-secret'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "rotate-secret" -d 'Planned rotation: a second secret, the old one valid for a grace period; --finish retires the old one early. Permissions are untouched'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "federation" -d 'Outside identities (CI systems\' OpenID tokens) that may mint tokens for the account without a secret'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from list" -l q -l search -d 'Only accounts whose name contains TEXT' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from list" -l limit -d 'Stop after N accounts' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from list" -l page-size -d 'Accounts per request (1-100)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from list" -l format -d 'json (one array, like --json) or jsonl (one object per line, streamed)' -r -f -a "json\t'One JSON array (the same as --json)'
jsonl\t'One JSON object per line, each printed as soon as it is fetched'"
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from list" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from list" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from list" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -l name -d 'Display name' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -l email -d 'Contact email in the company directory (cannot change later)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -l description -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -l permission -d 'Company-wide permission TOOL=LEVEL (repeatable); new accounts have none' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -l project -d 'Project permission PROJECT_ID:TOOL=LEVEL (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -l secret-file -d 'Write the secret to PATH (mode 0600) instead of stdout' -r -F
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -l force -d 'With --secret-file: replace an existing file'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -l save -d 'Keep it in the OS keychain instead: a service account\'s secret as profile sa-ID (then `svcacct --profile sa-ID token`), a personal access token as this profile\'s credential'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from view" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from view" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from view" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from view" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from view" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from view" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from view" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -l name -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -l description -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -l email -d 'The contact email cannot change; the server explains why' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -l permission -d 'Set a company-wide permission TOOL=LEVEL (repeatable; LEVEL none removes it)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -l project -d 'Set a project permission PROJECT_ID:TOOL=LEVEL (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -l trim-unused -d 'Reduce the permissions to what the account\'s requests needed within SPAN (e.g. 90d): each tool granted → needed, or removed; shown, then confirmed' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -l restore-permissions -d 'Grant again the permissions an interrupted `reset-secret --reapply-permissions` journaled'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -l dry-run -d 'With --trim-unused: only show the proposal'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -s y -l yes -d 'With --trim-unused: apply without asking'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from delete" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from delete" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from delete" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from delete" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from delete" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from reset-secret" -l secret-file -d 'Write the secret to PATH (mode 0600) instead of stdout' -r -F
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from reset-secret" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from reset-secret" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from reset-secret" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from reset-secret" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from reset-secret" -s y -l yes -d 'Do not ask for confirmation'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from reset-secret" -l reapply-permissions -d 'Afterwards, grant again the permissions the account had before the reset'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from reset-secret" -l force -d 'With --secret-file: replace an existing file'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from reset-secret" -l save -d 'Keep it in the OS keychain instead: a service account\'s secret as profile sa-ID (then `svcacct --profile sa-ID token`), a personal access token as this profile\'s credential'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from reset-secret" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from reset-secret" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from reset-secret" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -l grace -d 'How long the old secret keeps working: 30m, 24h, 7d, or plain seconds such as 8' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -l secret-file -d 'Write the new secret to PATH (mode 0600) instead of stdout' -r -F
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -l deliver -d 'Also deliver the new secret to its consumers (repeatable): file:PATH (0600, never through a symlink), env-file:PATH:NAME (that line of a dotenv file), exec:COMMAND (the secret on the command\'s stdin only). Until the rotation ends the secret is kept (the OS keychain, or --secret-file) so that --resume can retry the sinks that failed' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -l finish-when-idle -d 'After the new secret is out, wait until the old one has not been used for SPAN (default 15m), then retire it; on a terminal a progress line, else one line a minute' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -l timeout -d 'With --finish-when-idle: wait at most SPAN (default: the grace); then both secrets stay, and exit 11 says who still uses the old one' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -l finish -d 'Retire the old secret now (it and the tokens minted with it stop working)'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -l force -d 'With --finish: even if the old secret was used in the last 15 minutes. With --secret-file: replace an existing file'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -l save -d 'Keep the new secret in the OS keychain as profile sa-ID instead'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -l resume -d 'Deliver the pending secret again to the sinks that failed (no new secret is made)'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from rotate-secret" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from federation" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from federation" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from federation" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from federation" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from federation" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from federation" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from federation" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from federation" -f -a "add" -d 'Trust tokens from ISSUER whose sub (and aud, and --claim values) match'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from federation" -f -a "list" -d 'List the identities the account trusts'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from federation" -f -a "remove" -d 'Stop trusting one'
complete -c svcacct -n "__fish_svcacct_using_subcommand service-accounts; and __fish_seen_subcommand_from federation" -f -a "test" -d 'Say whether an assertion would be accepted, and if not which check failed'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "list" -d 'List service accounts (a table on a terminal, tab-separated when piped)'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "create" -d 'Create a service account; its client secret is shown once'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "view" -d 'Show a service account and its permissions'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "update" -d 'Change a service account\'s name, description or permissions'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "delete" -d 'Delete a service account; its tokens stop working at once'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "reset-secret" -d 'Issue a new client secret; the old one, its tokens, and all permissions are reset (an incident); for a planned rotation without downtime use rotate-secret'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "rotate-secret" -d 'Planned rotation: a second secret, the old one valid for a grace period; --finish retires the old one early. Permissions are untouched'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and not __fish_seen_subcommand_from list create view update delete reset-secret rotate-secret federation" -f -a "federation" -d 'Outside identities (CI systems\' OpenID tokens) that may mint tokens for the account without a secret'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from list" -l q -l search -d 'Only accounts whose name contains TEXT' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from list" -l limit -d 'Stop after N accounts' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from list" -l page-size -d 'Accounts per request (1-100)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from list" -l format -d 'json (one array, like --json) or jsonl (one object per line, streamed)' -r -f -a "json\t'One JSON array (the same as --json)'
jsonl\t'One JSON object per line, each printed as soon as it is fetched'"
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from list" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from list" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from list" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -l name -d 'Display name' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -l email -d 'Contact email in the company directory (cannot change later)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -l description -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -l permission -d 'Company-wide permission TOOL=LEVEL (repeatable); new accounts have none' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -l project -d 'Project permission PROJECT_ID:TOOL=LEVEL (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -l secret-file -d 'Write the secret to PATH (mode 0600) instead of stdout' -r -F
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -l force -d 'With --secret-file: replace an existing file'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -l save -d 'Keep it in the OS keychain instead: a service account\'s secret as profile sa-ID (then `svcacct --profile sa-ID token`), a personal access token as this profile\'s credential'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from view" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from view" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from view" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from view" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from view" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from view" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from view" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -l name -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -l description -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -l email -d 'The contact email cannot change; the server explains why' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -l permission -d 'Set a company-wide permission TOOL=LEVEL (repeatable; LEVEL none removes it)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -l project -d 'Set a project permission PROJECT_ID:TOOL=LEVEL (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -l trim-unused -d 'Reduce the permissions to what the account\'s requests needed within SPAN (e.g. 90d): each tool granted → needed, or removed; shown, then confirmed' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -l restore-permissions -d 'Grant again the permissions an interrupted `reset-secret --reapply-permissions` journaled'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -l dry-run -d 'With --trim-unused: only show the proposal'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -s y -l yes -d 'With --trim-unused: apply without asking'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from delete" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from delete" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from delete" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from delete" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from delete" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from reset-secret" -l secret-file -d 'Write the secret to PATH (mode 0600) instead of stdout' -r -F
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from reset-secret" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from reset-secret" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from reset-secret" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from reset-secret" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from reset-secret" -s y -l yes -d 'Do not ask for confirmation'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from reset-secret" -l reapply-permissions -d 'Afterwards, grant again the permissions the account had before the reset'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from reset-secret" -l force -d 'With --secret-file: replace an existing file'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from reset-secret" -l save -d 'Keep it in the OS keychain instead: a service account\'s secret as profile sa-ID (then `svcacct --profile sa-ID token`), a personal access token as this profile\'s credential'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from reset-secret" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from reset-secret" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from reset-secret" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -l grace -d 'How long the old secret keeps working: 30m, 24h, 7d, or plain seconds such as 8' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -l secret-file -d 'Write the new secret to PATH (mode 0600) instead of stdout' -r -F
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -l deliver -d 'Also deliver the new secret to its consumers (repeatable): file:PATH (0600, never through a symlink), env-file:PATH:NAME (that line of a dotenv file), exec:COMMAND (the secret on the command\'s stdin only). Until the rotation ends the secret is kept (the OS keychain, or --secret-file) so that --resume can retry the sinks that failed' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -l finish-when-idle -d 'After the new secret is out, wait until the old one has not been used for SPAN (default 15m), then retire it; on a terminal a progress line, else one line a minute' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -l timeout -d 'With --finish-when-idle: wait at most SPAN (default: the grace); then both secrets stay, and exit 11 says who still uses the old one' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -l finish -d 'Retire the old secret now (it and the tokens minted with it stop working)'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -l force -d 'With --finish: even if the old secret was used in the last 15 minutes. With --secret-file: replace an existing file'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -l save -d 'Keep the new secret in the OS keychain as profile sa-ID instead'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -l resume -d 'Deliver the pending secret again to the sinks that failed (no new secret is made)'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from rotate-secret" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from federation" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from federation" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from federation" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from federation" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from federation" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from federation" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from federation" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from federation" -f -a "add" -d 'Trust tokens from ISSUER whose sub (and aud, and --claim values) match'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from federation" -f -a "list" -d 'List the identities the account trusts'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from federation" -f -a "remove" -d 'Stop trusting one'
complete -c svcacct -n "__fish_svcacct_using_subcommand sa; and __fish_seen_subcommand_from federation" -f -a "test" -d 'Say whether an assertion would be accepted, and if not which check failed'
complete -c svcacct -n "__fish_svcacct_using_subcommand reset-secret" -l secret-file -d 'Write the secret to PATH (mode 0600) instead of stdout' -r -F
complete -c svcacct -n "__fish_svcacct_using_subcommand reset-secret" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand reset-secret" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand reset-secret" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand reset-secret" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand reset-secret" -s y -l yes -d 'Do not ask for confirmation'
complete -c svcacct -n "__fish_svcacct_using_subcommand reset-secret" -l reapply-permissions -d 'Afterwards, grant again the permissions the account had before the reset'
complete -c svcacct -n "__fish_svcacct_using_subcommand reset-secret" -l force -d 'With --secret-file: replace an existing file'
complete -c svcacct -n "__fish_svcacct_using_subcommand reset-secret" -l save -d 'Keep it in the OS keychain instead: a service account\'s secret as profile sa-ID (then `svcacct --profile sa-ID token`), a personal access token as this profile\'s credential'
complete -c svcacct -n "__fish_svcacct_using_subcommand reset-secret" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand reset-secret" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand reset-secret" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke" -f -a "list" -d 'List personal access tokens (never their values)'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke" -f -a "create" -d 'Create a personal access token; its value is shown once'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and not __fish_seen_subcommand_from list create revoke" -f -a "revoke" -d 'Revoke one token, or every token of a user with --all'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from list" -l user -d 'Another user\'s tokens (needs the user-management permission)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from list" -l format -d 'json (one array, like --json) or jsonl (one object per line, streamed)' -r -f -a "json\t'One JSON array (the same as --json)'
jsonl\t'One JSON object per line, each printed as soon as it is fetched'"
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from list" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from list" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from list" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from create" -l name -d 'What the token is for' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from create" -l expires-in -d 'Lifetime, e.g. 30d, 12h (default: until revoked)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from create" -l secret-file -d 'Write the secret to PATH (mode 0600) instead of stdout' -r -F
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from create" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from create" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from create" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from create" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from create" -l force -d 'With --secret-file: replace an existing file'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from create" -l save -d 'Keep it in the OS keychain instead: a service account\'s secret as profile sa-ID (then `svcacct --profile sa-ID token`), a personal access token as this profile\'s credential'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from create" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l user -d 'Another user\'s tokens (needs the user-management permission)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l all -d 'Revoke every token (of --user, or your own)'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s y -l yes -d 'Do not ask for confirmation'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand tokens; and __fish_seen_subcommand_from revoke" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and not __fish_seen_subcommand_from list view grant-api-access revoke-api-access update" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and not __fish_seen_subcommand_from list view grant-api-access revoke-api-access update" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and not __fish_seen_subcommand_from list view grant-api-access revoke-api-access update" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and not __fish_seen_subcommand_from list view grant-api-access revoke-api-access update" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and not __fish_seen_subcommand_from list view grant-api-access revoke-api-access update" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and not __fish_seen_subcommand_from list view grant-api-access revoke-api-access update" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and not __fish_seen_subcommand_from list view grant-api-access revoke-api-access update" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and not __fish_seen_subcommand_from list view grant-api-access revoke-api-access update" -f -a "list" -d 'List the company\'s users'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and not __fish_seen_subcommand_from list view grant-api-access revoke-api-access update" -f -a "view" -d 'Show one user'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and not __fish_seen_subcommand_from list view grant-api-access revoke-api-access update" -f -a "grant-api-access" -d 'Let a user see the API docs and create personal access tokens (user managers)'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and not __fish_seen_subcommand_from list view grant-api-access revoke-api-access update" -f -a "revoke-api-access" -d 'Take API access away; the user\'s personal access tokens stop working (user managers)'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and not __fish_seen_subcommand_from list view grant-api-access revoke-api-access update" -f -a "update" -d 'Set a person\'s permissions (company admins); LEVEL none removes one'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from list" -l format -d 'json (one array, like --json) or jsonl (one object per line, streamed)' -r -f -a "json\t'One JSON array (the same as --json)'
jsonl\t'One JSON object per line, each printed as soon as it is fetched'"
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from list" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from list" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from list" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from view" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from view" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from view" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from view" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from view" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from view" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from view" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from grant-api-access" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from grant-api-access" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from grant-api-access" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from grant-api-access" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from grant-api-access" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from grant-api-access" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from grant-api-access" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from revoke-api-access" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from revoke-api-access" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from revoke-api-access" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from revoke-api-access" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from revoke-api-access" -s y -l yes -d 'Do not ask for confirmation'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from revoke-api-access" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from revoke-api-access" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from revoke-api-access" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from update" -l permission -d 'Company-wide permission TOOL=LEVEL (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from update" -l project -d 'Project permission PROJECT_ID:TOOL=LEVEL (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from update" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from update" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from update" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from update" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from update" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand users; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -f -a "list" -d 'List webhooks'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -f -a "events" -d 'The events a webhook can subscribe to'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -f -a "create" -d 'Create a webhook'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -f -a "view" -d 'Show a webhook (hidden values masked: they cannot be read back)'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -f -a "update" -d 'Change a webhook; hidden values not given again are kept'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -f -a "delete" -d 'Delete a webhook; pending deliveries are discarded'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -f -a "test" -d 'Send a test event and report the receiver\'s answer'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -f -a "deliveries" -d 'Delivery attempts of a webhook, newest first'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and not __fish_seen_subcommand_from list events create view update delete test deliveries redeliver" -f -a "redeliver" -d 'Send a delivery again now'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l format -d 'json (one array, like --json) or jsonl (one object per line, streamed)' -r -f -a "json\t'One JSON array (the same as --json)'
jsonl\t'One JSON object per line, each printed as soon as it is fetched'"
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from list" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from events" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from events" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from events" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from events" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from events" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from events" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from events" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -l url -d 'Destination (https; plain http only to 127.0.0.1, ::1, localhost)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -l event -d 'An event to send (repeatable); `ticket.*` means all ticket events. Procore profiles: RESOURCE.create|update|delete, e.g. `RFIs.create` or `Projects.*`' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -l basic-auth-user -d 'HTTP basic auth user name' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -l basic-auth-password-file -d 'Read the basic-auth password from a file' -r -F
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -l header -d 'An extra header \'Name: value\' (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -l hidden-header -d 'A hidden header NAME (value from a prompt), NAME=@PATH (from a file) or NAME=- (stdin) (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -l namespace -d 'Procore profiles: the hook\'s namespace (default svcacct)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -l basic-auth-password-stdin -d 'Read the basic-auth password from stdin (else SVCACCT_WEBHOOK_PASSWORD, else a prompt)'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -l inactive -d 'Create it paused (no deliveries until activated)'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from create" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from view" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from view" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from view" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from view" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from view" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from view" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from view" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l url -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l event -d 'Replace the events with these (repeatable; globs like `ticket.*`)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l basic-auth-user -d 'HTTP basic auth user name' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l basic-auth-password-file -d 'Read the basic-auth password from a file' -r -F
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l header -d 'An extra header \'Name: value\' (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l hidden-header -d 'A hidden header NAME (value from a prompt), NAME=@PATH (from a file) or NAME=- (stdin) (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l remove-header -d 'Remove a header (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l basic-auth-password-stdin -d 'Read the basic-auth password from stdin (else SVCACCT_WEBHOOK_PASSWORD, else a prompt)'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l no-basic-auth -d 'Stop sending basic auth'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l active -d 'Resume deliveries'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l inactive -d 'Pause deliveries'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from update" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from delete" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from delete" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from delete" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from delete" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from delete" -s y -l yes -d 'Do not ask for confirmation'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from delete" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from delete" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from delete" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from test" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from test" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from test" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from test" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l status -d 'Only deliveries in this state' -r -f -a "pending\t''
sending\t''
succeeded\t''
failed\t''
discarded\t''"
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l limit -d 'How many (newest first, at most 100)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l format -d 'json (one array, like --json) or jsonl (one object per line, streamed)' -r -f -a "json\t'One JSON array (the same as --json)'
jsonl\t'One JSON object per line, each printed as soon as it is fetched'"
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l follow -d 'Keep watching and print deliveries as they change, until Ctrl-C'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from deliveries" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand webhooks; and __fish_seen_subcommand_from redeliver" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -f -a "list" -d 'The company\'s app installs'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -f -a "marketplace" -d 'The marketplace: apps, their developers, flows and the permissions they ask for'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -f -a "request" -d 'Ask for an app to be installed (an admin approves or denies it)'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -f -a "view" -d 'An install and the permissions it asks for'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -f -a "approve" -d 'Approve an install: its service user gets exactly the listed permissions (admins)'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -f -a "deny" -d 'Deny an install (admins)'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and not __fish_seen_subcommand_from list marketplace request view approve deny uninstall" -f -a "uninstall" -d 'Uninstall: the app\'s service user is disabled and its tokens stop working (admins)'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from list" -l status -d 'Only installs in this state' -r -f -a "pending\t''
approved\t''
denied\t''
uninstalled\t''"
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from list" -l format -d 'json (one array, like --json) or jsonl (one object per line, streamed)' -r -f -a "json\t'One JSON array (the same as --json)'
jsonl\t'One JSON object per line, each printed as soon as it is fetched'"
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from list" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from list" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from list" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from list" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from list" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from marketplace" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from marketplace" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from marketplace" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from marketplace" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from marketplace" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from marketplace" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from marketplace" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from request" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from request" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from request" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from request" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from request" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from request" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from request" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from view" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from view" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from view" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from view" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from view" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from view" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from view" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from approve" -l project -d 'A project the app\'s project permissions apply to (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from approve" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from approve" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from approve" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from approve" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from approve" -s y -l yes -d 'Do not ask for confirmation'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from approve" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from approve" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from approve" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from deny" -l reason -d 'Why (shown to whoever asked)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from deny" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from deny" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from deny" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from deny" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from deny" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from deny" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from deny" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from uninstall" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from uninstall" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from uninstall" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from uninstall" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from uninstall" -s y -l yes -d 'Do not ask for confirmation'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from uninstall" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from uninstall" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand apps; and __fish_seen_subcommand_from uninstall" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand audit" -l rules -d 'The rules to flag credentials by: unused>SPAN, age>SPAN, expires<SPAN (d, h, m)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand audit" -l fail-on -d 'Exit 10 when any credential breaks one of these rules (alone: the --rules)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand audit" -l format -d 'json (one array, like --json) or jsonl (one object per line, streamed)' -r -f -a "json\t'One JSON array (the same as --json)'
jsonl\t'One JSON object per line, each printed as soon as it is fetched'"
complete -c svcacct -n "__fish_svcacct_using_subcommand audit" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand audit" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand audit" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand audit" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand audit" -l allow-partial -d 'With --fail-on: pass even when some credentials could not be seen (else exit 5)'
complete -c svcacct -n "__fish_svcacct_using_subcommand audit" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand audit" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand audit" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -s X -l method -d 'The HTTP method (default GET, or POST when fields are given)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -s f -l raw-field -d 'A string field KEY=VALUE (repeatable): JSON body, or query parameter for GET; KEY[SUB]=V nests, KEY[]=V appends to an array' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -s F -l field -d 'A typed field KEY=VALUE: numbers, true, false and null become JSON values, @FILE reads the value from a file and @- from stdin; nested keys as with -f (repeatable)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -l input -d 'The request body from a file (- for stdin)' -r -F
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -s H -l header -d 'An extra request header \'Name: value\' (repeatable); \'Name: @FILE\' or \'Name: @-\' reads the value from a file or stdin (for keys: never put a secret on the command line)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -l paginate -d 'Follow `Link: rel="next"` and print every page (arrays are merged into one)'
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -s i -l include -d 'Print the response status and headers to stderr'
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -l silent -d 'Print no response body (the exit code still tells success)'
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand api" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand completions" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand completions" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand completions" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand completions" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand completions" -l dynamic -d 'Print the registration for dynamic completion instead (also completes service-account and webhook ids and profile names, asking the API)'
complete -c svcacct -n "__fish_svcacct_using_subcommand completions" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand completions" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand completions" -s h -l help -d 'Print help'
complete -c svcacct -n "__fish_svcacct_using_subcommand help" -l profile -d 'Profile to use (a named set of API URL and credentials)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand help" -l api -d 'Platform API base URL (https, or http to loopback only)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand help" -s q -l jq -d 'Filter the JSON output with a jq program (implies --json), e.g. --jq \'.[].client_id\'' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand help" -l company -d 'Company to act on (default: the signed-in user\'s company)' -r
complete -c svcacct -n "__fish_svcacct_using_subcommand help" -s v -l verbose -d 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies'
complete -c svcacct -n "__fish_svcacct_using_subcommand help" -l json -d 'Print machine-readable JSON on stdout'
complete -c svcacct -n "__fish_svcacct_using_subcommand help" -s h -l help -d 'Print help'

# Positional arguments with a fixed set of values (added by svcacct).
complete -c svcacct -n "__fish_svcacct_using_subcommand git-credential" -f -a "get\t'Answer with the access token for the profiles API host'
store\t'Accepted and ignored (svcacct keeps its own credentials)'
erase\t'Drop the cached access token the server refused, so the next get makes a new one'"
complete -c svcacct -n "__fish_svcacct_using_subcommand completions" -f -a "bash
elvish
fish
powershell
zsh"
