
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'svcacct' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'svcacct'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'svcacct' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('login', 'login', [CompletionResultType]::ParameterValue, 'Sign in: browser (authorization code + PKCE), a code on any device (device flow), client credentials, or a personal access token')
            [CompletionResult]::new('logout', 'logout', [CompletionResultType]::ParameterValue, 'Revoke the profile''s tokens at the server and delete them locally')
            [CompletionResult]::new('token', 'token', [CompletionResultType]::ParameterValue, 'Print a valid access token (cached, refreshed or re-minted) and nothing else')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with a valid access token in its environment (never in its arguments)')
            [CompletionResult]::new('git-credential', 'git-credential', [CompletionResultType]::ParameterValue, 'Git''s credential helper: `git config credential.helper ''!svcacct git-credential''`')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'Show who you are signed in as, where credentials are stored and when the token expires')
            [CompletionResult]::new('service-accounts', 'service-accounts', [CompletionResultType]::ParameterValue, 'Manage service accounts: client-credentials integrations of your company')
            [CompletionResult]::new('sa', 'sa', [CompletionResultType]::ParameterValue, 'Manage service accounts: client-credentials integrations of your company')
            [CompletionResult]::new('reset-secret', 'reset-secret', [CompletionResultType]::ParameterValue, 'Reset a service account''s client secret (the same as `service-accounts reset-secret`)')
            [CompletionResult]::new('tokens', 'tokens', [CompletionResultType]::ParameterValue, 'Personal access tokens: yours, or (user managers) other users''')
            [CompletionResult]::new('users', 'users', [CompletionResultType]::ParameterValue, 'The company directory and the API-access permission')
            [CompletionResult]::new('webhooks', 'webhooks', [CompletionResultType]::ParameterValue, 'Webhooks: where the platform POSTs events (account owners only)')
            [CompletionResult]::new('apps', 'apps', [CompletionResultType]::ParameterValue, 'App installs: review the permissions an app asks for, approve or deny, uninstall')
            [CompletionResult]::new('audit', 'audit', [CompletionResultType]::ParameterValue, 'Every credential you may see, with created / last used / expires, checked against rules (default unused>90d,age>180d,expires<14d); --fail-on exits 10 (for CI alerts)')
            [CompletionResult]::new('api', 'api', [CompletionResultType]::ParameterValue, 'Call any API endpoint with your credentials (like `gh api`): prints the JSON answer')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script (never edits your shell''s files)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Help for a command, or a topic: `svcacct help exit-codes`')
            break
        }
        'svcacct;login' {
            [CompletionResult]::new('--provider', '--provider', [CompletionResultType]::ParameterName, 'A platform preset: its endpoints, redirect rules, token header and rate limits, so no endpoint flag is needed (default: discovery from --api; kept in the profile)')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'OAuth client id (default for browser login: svcacct-cli)')
            [CompletionResult]::new('--auth-method', '--auth-method', [CompletionResultType]::ParameterName, 'How to send the client secret to the token endpoint (default: what the server supports, basic first)')
            [CompletionResult]::new('--redirect-uri', '--redirect-uri', [CompletionResultType]::ParameterName, 'The registered redirect URI: with --no-browser the one the provider shows the code on (default urn:ietf:wg:oauth:2.0:oob); for a browser sign-in an exact http://localhost:PORT/PATH, listened on at that port and path (default: any free port)')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'OAuth scope to request (repeatable)')
            [CompletionResult]::new('--authorize-url', '--authorize-url', [CompletionResultType]::ParameterName, 'Authorization endpoint, for providers without RFC 8414 metadata')
            [CompletionResult]::new('--token-url', '--token-url', [CompletionResultType]::ParameterName, 'Token endpoint, for providers without RFC 8414 metadata')
            [CompletionResult]::new('--revocation-url', '--revocation-url', [CompletionResultType]::ParameterName, 'Revocation endpoint (RFC 7009), for providers without RFC 8414 metadata')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Seconds to wait for the browser sign-in (default 300), or at most for a device code''s approval (default: the code''s own lifetime)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--client-credentials', '--client-credentials', [CompletionResultType]::ParameterName, 'Use the client credentials grant (a service account) instead of the browser')
            [CompletionResult]::new('--client-secret-stdin', '--client-secret-stdin', [CompletionResultType]::ParameterName, 'Read the client secret from stdin (client credentials: else SVCACCT_CLIENT_SECRET, else a hidden prompt; browser login: for confidential clients such as Procore or marketplace apps, else SVCACCT_CLIENT_SECRET; with --no-browser the first line, the code after it)')
            [CompletionResult]::new('--with-token', '--with-token', [CompletionResultType]::ParameterName, 'Store a personal access token read from stdin')
            [CompletionResult]::new('--no-browser', '--no-browser', [CompletionResultType]::ParameterName, 'Print the sign-in URL and read the pasted redirect URL or code from stdin')
            [CompletionResult]::new('--device', '--device', [CompletionResultType]::ParameterName, 'Sign in with a code entered on any device (RFC 8628 device flow): for SSH sessions and containers. Without a flag, login picks: loopback on a desktop, the device flow over SSH or without a display (where offered), else paste-the-code')
            [CompletionResult]::new('--insecure-storage', '--insecure-storage', [CompletionResultType]::ParameterName, 'Keep credentials in a plaintext 0600 file instead of the OS keychain')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'svcacct;logout' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Delete local credentials even if the server cannot be reached to revoke them')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;token' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print it (--json is the same as --format json)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--refresh', '--refresh', [CompletionResultType]::ParameterName, 'Mint (or refresh) a new token even if the cached one has not expired: for a token the server revoked early')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'svcacct;exec' {
            [CompletionResult]::new('--env', '--env', [CompletionResultType]::ParameterName, 'The environment variable that carries the token')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;git-credential' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'svcacct;status' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--offline', '--offline', [CompletionResultType]::ParameterName, 'Do not ask the server whether the token still works')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;service-accounts' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List service accounts (a table on a terminal, tab-separated when piped)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a service account; its client secret is shown once')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Show a service account and its permissions')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a service account''s name, description or permissions')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a service account; its tokens stop working at once')
            [CompletionResult]::new('reset-secret', 'reset-secret', [CompletionResultType]::ParameterValue, 'Issue a new client secret; the old one, its tokens, and all permissions are reset (an incident); for a planned rotation without downtime use rotate-secret')
            [CompletionResult]::new('rotate-secret', 'rotate-secret', [CompletionResultType]::ParameterValue, 'Planned rotation: a second secret, the old one valid for a grace period; --finish retires the old one early. Permissions are untouched')
            [CompletionResult]::new('federation', 'federation', [CompletionResultType]::ParameterValue, 'Outside identities (CI systems'' OpenID tokens) that may mint tokens for the account without a secret')
            break
        }
        'svcacct;sa' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List service accounts (a table on a terminal, tab-separated when piped)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a service account; its client secret is shown once')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Show a service account and its permissions')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a service account''s name, description or permissions')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a service account; its tokens stop working at once')
            [CompletionResult]::new('reset-secret', 'reset-secret', [CompletionResultType]::ParameterValue, 'Issue a new client secret; the old one, its tokens, and all permissions are reset (an incident); for a planned rotation without downtime use rotate-secret')
            [CompletionResult]::new('rotate-secret', 'rotate-secret', [CompletionResultType]::ParameterValue, 'Planned rotation: a second secret, the old one valid for a grace period; --finish retires the old one early. Permissions are untouched')
            [CompletionResult]::new('federation', 'federation', [CompletionResultType]::ParameterValue, 'Outside identities (CI systems'' OpenID tokens) that may mint tokens for the account without a secret')
            break
        }
        'svcacct;service-accounts;list' {
            [CompletionResult]::new('--q', '--q', [CompletionResultType]::ParameterName, 'Only accounts whose name contains TEXT')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only accounts whose name contains TEXT')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Stop after N accounts')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Accounts per request (1-100)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'json (one array, like --json) or jsonl (one object per line, streamed)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'svcacct;sa;list' {
            [CompletionResult]::new('--q', '--q', [CompletionResultType]::ParameterName, 'Only accounts whose name contains TEXT')
            [CompletionResult]::new('--search', '--search', [CompletionResultType]::ParameterName, 'Only accounts whose name contains TEXT')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'Stop after N accounts')
            [CompletionResult]::new('--page-size', '--page-size', [CompletionResultType]::ParameterName, 'Accounts per request (1-100)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'json (one array, like --json) or jsonl (one object per line, streamed)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'svcacct;service-accounts;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Contact email in the company directory (cannot change later)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'description')
            [CompletionResult]::new('--permission', '--permission', [CompletionResultType]::ParameterName, 'Company-wide permission TOOL=LEVEL (repeatable); new accounts have none')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project permission PROJECT_ID:TOOL=LEVEL (repeatable)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Write the secret to PATH (mode 0600) instead of stdout')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --secret-file: replace an existing file')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Keep it in the OS keychain instead: a service account''s secret as profile sa-ID (then `svcacct --profile sa-ID token`), a personal access token as this profile''s credential')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;sa;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'Display name')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'Contact email in the company directory (cannot change later)')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'description')
            [CompletionResult]::new('--permission', '--permission', [CompletionResultType]::ParameterName, 'Company-wide permission TOOL=LEVEL (repeatable); new accounts have none')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project permission PROJECT_ID:TOOL=LEVEL (repeatable)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Write the secret to PATH (mode 0600) instead of stdout')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --secret-file: replace an existing file')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Keep it in the OS keychain instead: a service account''s secret as profile sa-ID (then `svcacct --profile sa-ID token`), a personal access token as this profile''s credential')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;service-accounts;view' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;sa;view' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;service-accounts;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'name')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'description')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The contact email cannot change; the server explains why')
            [CompletionResult]::new('--permission', '--permission', [CompletionResultType]::ParameterName, 'Set a company-wide permission TOOL=LEVEL (repeatable; LEVEL none removes it)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Set a project permission PROJECT_ID:TOOL=LEVEL (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;sa;update' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'name')
            [CompletionResult]::new('--description', '--description', [CompletionResultType]::ParameterName, 'description')
            [CompletionResult]::new('--email', '--email', [CompletionResultType]::ParameterName, 'The contact email cannot change; the server explains why')
            [CompletionResult]::new('--permission', '--permission', [CompletionResultType]::ParameterName, 'Set a company-wide permission TOOL=LEVEL (repeatable; LEVEL none removes it)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Set a project permission PROJECT_ID:TOOL=LEVEL (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;service-accounts;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;sa;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;service-accounts;reset-secret' {
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Write the secret to PATH (mode 0600) instead of stdout')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--reapply-permissions', '--reapply-permissions', [CompletionResultType]::ParameterName, 'Afterwards, grant again the permissions the account had before the reset')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --secret-file: replace an existing file')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Keep it in the OS keychain instead: a service account''s secret as profile sa-ID (then `svcacct --profile sa-ID token`), a personal access token as this profile''s credential')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;sa;reset-secret' {
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Write the secret to PATH (mode 0600) instead of stdout')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--reapply-permissions', '--reapply-permissions', [CompletionResultType]::ParameterName, 'Afterwards, grant again the permissions the account had before the reset')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --secret-file: replace an existing file')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Keep it in the OS keychain instead: a service account''s secret as profile sa-ID (then `svcacct --profile sa-ID token`), a personal access token as this profile''s credential')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;service-accounts;rotate-secret' {
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long the old secret keeps working: 30m, 24h, 7d, or plain seconds such as 8')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Write the new secret to PATH (mode 0600) instead of stdout')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--finish', '--finish', [CompletionResultType]::ParameterName, 'Retire the old secret now (it and the tokens minted with it stop working)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --finish: even if the old secret was used in the last 15 minutes. With --secret-file: replace an existing file')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Keep the new secret in the OS keychain as profile sa-ID instead')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;sa;rotate-secret' {
            [CompletionResult]::new('--grace', '--grace', [CompletionResultType]::ParameterName, 'How long the old secret keeps working: 30m, 24h, 7d, or plain seconds such as 8')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Write the new secret to PATH (mode 0600) instead of stdout')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--finish', '--finish', [CompletionResultType]::ParameterName, 'Retire the old secret now (it and the tokens minted with it stop working)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --finish: even if the old secret was used in the last 15 minutes. With --secret-file: replace an existing file')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Keep the new secret in the OS keychain as profile sa-ID instead')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;service-accounts;federation' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Trust tokens from ISSUER whose sub (and aud, and --claim values) match')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the identities the account trusts')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop trusting one')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Say whether an assertion would be accepted, and if not which check failed')
            break
        }
        'svcacct;service-accounts;federation;add' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The token issuer, e.g. https://token.actions.githubusercontent.com')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'The sub claim to trust, e.g. repo:acme/erp-sync:ref:refs/heads/main')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'The aud claim expected (default: the platform''s API URL)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Another claim that must match exactly (repeatable), e.g. environment=production')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;service-accounts;federation;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;service-accounts;federation;remove' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;service-accounts;federation;test' {
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'A file holding the assertion (an OpenID token from the CI system)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;sa;federation' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Trust tokens from ISSUER whose sub (and aud, and --claim values) match')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the identities the account trusts')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Stop trusting one')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Say whether an assertion would be accepted, and if not which check failed')
            break
        }
        'svcacct;sa;federation;add' {
            [CompletionResult]::new('--issuer', '--issuer', [CompletionResultType]::ParameterName, 'The token issuer, e.g. https://token.actions.githubusercontent.com')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'The sub claim to trust, e.g. repo:acme/erp-sync:ref:refs/heads/main')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'The aud claim expected (default: the platform''s API URL)')
            [CompletionResult]::new('--claim', '--claim', [CompletionResultType]::ParameterName, 'Another claim that must match exactly (repeatable), e.g. environment=production')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;sa;federation;list' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;sa;federation;remove' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;sa;federation;test' {
            [CompletionResult]::new('--assertion-file', '--assertion-file', [CompletionResultType]::ParameterName, 'A file holding the assertion (an OpenID token from the CI system)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;reset-secret' {
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Write the secret to PATH (mode 0600) instead of stdout')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--reapply-permissions', '--reapply-permissions', [CompletionResultType]::ParameterName, 'Afterwards, grant again the permissions the account had before the reset')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --secret-file: replace an existing file')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Keep it in the OS keychain instead: a service account''s secret as profile sa-ID (then `svcacct --profile sa-ID token`), a personal access token as this profile''s credential')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;tokens' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List personal access tokens (never their values)')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a personal access token; its value is shown once')
            [CompletionResult]::new('revoke', 'revoke', [CompletionResultType]::ParameterValue, 'Revoke one token, or every token of a user with --all')
            break
        }
        'svcacct;tokens;list' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Another user''s tokens (needs the user-management permission)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'json (one array, like --json) or jsonl (one object per line, streamed)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'svcacct;tokens;create' {
            [CompletionResult]::new('--name', '--name', [CompletionResultType]::ParameterName, 'What the token is for')
            [CompletionResult]::new('--expires-in', '--expires-in', [CompletionResultType]::ParameterName, 'Lifetime, e.g. 30d, 12h (default: until revoked)')
            [CompletionResult]::new('--secret-file', '--secret-file', [CompletionResultType]::ParameterName, 'Write the secret to PATH (mode 0600) instead of stdout')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'With --secret-file: replace an existing file')
            [CompletionResult]::new('--save', '--save', [CompletionResultType]::ParameterName, 'Keep it in the OS keychain instead: a service account''s secret as profile sa-ID (then `svcacct --profile sa-ID token`), a personal access token as this profile''s credential')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;tokens;revoke' {
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'Another user''s tokens (needs the user-management permission)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--all', '--all', [CompletionResultType]::ParameterName, 'Revoke every token (of --user, or your own)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;users' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the company''s users')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Show one user')
            [CompletionResult]::new('grant-api-access', 'grant-api-access', [CompletionResultType]::ParameterValue, 'Let a user see the API docs and create personal access tokens (user managers)')
            [CompletionResult]::new('revoke-api-access', 'revoke-api-access', [CompletionResultType]::ParameterValue, 'Take API access away; the user''s personal access tokens stop working (user managers)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Set a person''s permissions (company admins); LEVEL none removes one')
            break
        }
        'svcacct;users;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'json (one array, like --json) or jsonl (one object per line, streamed)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'svcacct;users;view' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;users;grant-api-access' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;users;revoke-api-access' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;users;update' {
            [CompletionResult]::new('--permission', '--permission', [CompletionResultType]::ParameterName, 'Company-wide permission TOOL=LEVEL (repeatable)')
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Project permission PROJECT_ID:TOOL=LEVEL (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;webhooks' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List webhooks')
            [CompletionResult]::new('events', 'events', [CompletionResultType]::ParameterValue, 'The events a webhook can subscribe to')
            [CompletionResult]::new('create', 'create', [CompletionResultType]::ParameterValue, 'Create a webhook')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'Show a webhook (hidden values masked: they cannot be read back)')
            [CompletionResult]::new('update', 'update', [CompletionResultType]::ParameterValue, 'Change a webhook; hidden values not given again are kept')
            [CompletionResult]::new('delete', 'delete', [CompletionResultType]::ParameterValue, 'Delete a webhook; pending deliveries are discarded')
            [CompletionResult]::new('test', 'test', [CompletionResultType]::ParameterValue, 'Send a test event and report the receiver''s answer')
            [CompletionResult]::new('deliveries', 'deliveries', [CompletionResultType]::ParameterValue, 'Delivery attempts of a webhook, newest first')
            [CompletionResult]::new('redeliver', 'redeliver', [CompletionResultType]::ParameterValue, 'Send a delivery again now')
            break
        }
        'svcacct;webhooks;list' {
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'json (one array, like --json) or jsonl (one object per line, streamed)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'svcacct;webhooks;events' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;webhooks;create' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'Destination (https; plain http only to 127.0.0.1, ::1, localhost)')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'An event to send (repeatable); `ticket.*` means all ticket events. Procore profiles: RESOURCE.create|update|delete, e.g. `RFIs.create` or `Projects.*`')
            [CompletionResult]::new('--basic-auth-user', '--basic-auth-user', [CompletionResultType]::ParameterName, 'HTTP basic auth user name')
            [CompletionResult]::new('--basic-auth-password-file', '--basic-auth-password-file', [CompletionResultType]::ParameterName, 'Read the basic-auth password from a file')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'An extra header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--hidden-header', '--hidden-header', [CompletionResultType]::ParameterName, 'A hidden header NAME (value from a prompt), NAME=@PATH (from a file) or NAME=- (stdin) (repeatable)')
            [CompletionResult]::new('--namespace', '--namespace', [CompletionResultType]::ParameterName, 'Procore profiles: the hook''s namespace (default svcacct)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--basic-auth-password-stdin', '--basic-auth-password-stdin', [CompletionResultType]::ParameterName, 'Read the basic-auth password from stdin (else SVCACCT_WEBHOOK_PASSWORD, else a prompt)')
            [CompletionResult]::new('--inactive', '--inactive', [CompletionResultType]::ParameterName, 'Create it paused (no deliveries until activated)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;webhooks;view' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;webhooks;update' {
            [CompletionResult]::new('--url', '--url', [CompletionResultType]::ParameterName, 'url')
            [CompletionResult]::new('--event', '--event', [CompletionResultType]::ParameterName, 'Replace the events with these (repeatable; globs like `ticket.*`)')
            [CompletionResult]::new('--basic-auth-user', '--basic-auth-user', [CompletionResultType]::ParameterName, 'HTTP basic auth user name')
            [CompletionResult]::new('--basic-auth-password-file', '--basic-auth-password-file', [CompletionResultType]::ParameterName, 'Read the basic-auth password from a file')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'An extra header ''Name: value'' (repeatable)')
            [CompletionResult]::new('--hidden-header', '--hidden-header', [CompletionResultType]::ParameterName, 'A hidden header NAME (value from a prompt), NAME=@PATH (from a file) or NAME=- (stdin) (repeatable)')
            [CompletionResult]::new('--remove-header', '--remove-header', [CompletionResultType]::ParameterName, 'Remove a header (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--basic-auth-password-stdin', '--basic-auth-password-stdin', [CompletionResultType]::ParameterName, 'Read the basic-auth password from stdin (else SVCACCT_WEBHOOK_PASSWORD, else a prompt)')
            [CompletionResult]::new('--no-basic-auth', '--no-basic-auth', [CompletionResultType]::ParameterName, 'Stop sending basic auth')
            [CompletionResult]::new('--active', '--active', [CompletionResultType]::ParameterName, 'Resume deliveries')
            [CompletionResult]::new('--inactive', '--inactive', [CompletionResultType]::ParameterName, 'Pause deliveries')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;webhooks;delete' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;webhooks;test' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;webhooks;deliveries' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only deliveries in this state')
            [CompletionResult]::new('--limit', '--limit', [CompletionResultType]::ParameterName, 'How many (newest first, at most 100)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'json (one array, like --json) or jsonl (one object per line, streamed)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--follow', '--follow', [CompletionResultType]::ParameterName, 'Keep watching and print deliveries as they change, until Ctrl-C')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'svcacct;webhooks;redeliver' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;apps' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'The company''s app installs')
            [CompletionResult]::new('marketplace', 'marketplace', [CompletionResultType]::ParameterValue, 'The marketplace: apps, their developers, flows and the permissions they ask for')
            [CompletionResult]::new('request', 'request', [CompletionResultType]::ParameterValue, 'Ask for an app to be installed (an admin approves or denies it)')
            [CompletionResult]::new('view', 'view', [CompletionResultType]::ParameterValue, 'An install and the permissions it asks for')
            [CompletionResult]::new('approve', 'approve', [CompletionResultType]::ParameterValue, 'Approve an install: its service user gets exactly the listed permissions (admins)')
            [CompletionResult]::new('deny', 'deny', [CompletionResultType]::ParameterValue, 'Deny an install (admins)')
            [CompletionResult]::new('uninstall', 'uninstall', [CompletionResultType]::ParameterValue, 'Uninstall: the app''s service user is disabled and its tokens stop working (admins)')
            break
        }
        'svcacct;apps;list' {
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only installs in this state')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'json (one array, like --json) or jsonl (one object per line, streamed)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'svcacct;apps;marketplace' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;apps;request' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;apps;view' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;apps;approve' {
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'A project the app''s project permissions apply to (repeatable)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;apps;deny' {
            [CompletionResult]::new('--reason', '--reason', [CompletionResultType]::ParameterName, 'Why (shown to whoever asked)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;apps;uninstall' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;audit' {
            [CompletionResult]::new('--rules', '--rules', [CompletionResultType]::ParameterName, 'The rules to flag credentials by: unused>SPAN, age>SPAN, expires<SPAN (d, h, m)')
            [CompletionResult]::new('--fail-on', '--fail-on', [CompletionResultType]::ParameterName, 'Exit 10 when any credential breaks one of these rules (alone: the --rules)')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'json (one array, like --json) or jsonl (one object per line, streamed)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--allow-partial', '--allow-partial', [CompletionResultType]::ParameterName, 'With --fail-on: pass even when some credentials could not be seen (else exit 5)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'svcacct;api' {
            [CompletionResult]::new('-X', '-X ', [CompletionResultType]::ParameterName, 'The HTTP method (default GET, or POST when fields are given)')
            [CompletionResult]::new('--method', '--method', [CompletionResultType]::ParameterName, 'The HTTP method (default GET, or POST when fields are given)')
            [CompletionResult]::new('-f', '-f', [CompletionResultType]::ParameterName, 'A string field KEY=VALUE (repeatable): JSON body, or query parameter for GET; KEY[SUB]=V nests, KEY[]=V appends to an array')
            [CompletionResult]::new('--raw-field', '--raw-field', [CompletionResultType]::ParameterName, 'A string field KEY=VALUE (repeatable): JSON body, or query parameter for GET; KEY[SUB]=V nests, KEY[]=V appends to an array')
            [CompletionResult]::new('-F', '-F ', [CompletionResultType]::ParameterName, 'A typed field KEY=VALUE: numbers, true, false and null become JSON values, @FILE reads the value from a file and @- from stdin; nested keys as with -f (repeatable)')
            [CompletionResult]::new('--field', '--field', [CompletionResultType]::ParameterName, 'A typed field KEY=VALUE: numbers, true, false and null become JSON values, @FILE reads the value from a file and @- from stdin; nested keys as with -f (repeatable)')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'The request body from a file (- for stdin)')
            [CompletionResult]::new('-H', '-H ', [CompletionResultType]::ParameterName, 'An extra request header ''Name: value'' (repeatable); ''Name: @FILE'' or ''Name: @-'' reads the value from a file or stdin (for keys: never put a secret on the command line)')
            [CompletionResult]::new('--header', '--header', [CompletionResultType]::ParameterName, 'An extra request header ''Name: value'' (repeatable); ''Name: @FILE'' or ''Name: @-'' reads the value from a file or stdin (for keys: never put a secret on the command line)')
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--paginate', '--paginate', [CompletionResultType]::ParameterName, 'Follow `Link: rel="next"` and print every page (arrays are merged into one)')
            [CompletionResult]::new('-i', '-i', [CompletionResultType]::ParameterName, 'Print the response status and headers to stderr')
            [CompletionResult]::new('--include', '--include', [CompletionResultType]::ParameterName, 'Print the response status and headers to stderr')
            [CompletionResult]::new('--silent', '--silent', [CompletionResultType]::ParameterName, 'Print no response body (the exit code still tells success)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;completions' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('--dynamic', '--dynamic', [CompletionResultType]::ParameterName, 'Print the registration for dynamic completion instead (also completes service-account and webhook ids and profile names, asking the API)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
        'svcacct;help' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to use (a named set of API URL and credentials)')
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'Platform API base URL (https, or http to loopback only)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--jq', '--jq', [CompletionResultType]::ParameterName, 'Filter the JSON output with a jq program (implies --json), e.g. --jq ''.[].client_id''')
            [CompletionResult]::new('--company', '--company', [CompletionResultType]::ParameterName, 'Company to act on (default: the signed-in user''s company)')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Log HTTP requests to stderr with secrets redacted; -vv adds headers and bodies')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print machine-readable JSON on stdout')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
