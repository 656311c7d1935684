//! The documentation's examples are tests. Every ```console block in README.md and docs/ runs,
//! one page at a time, against a fresh sandbox on 127.0.0.1 in a fresh HOME with no keychain (a
//! headless box), through trycmd: `$ ` lines are the commands, the lines after them the output
//! (stdout and stderr), `? N` an expected exit code, `[..]` and `...` what differs from run to run
//! (ids made elsewhere, secrets, timestamps). A renamed flag or a changed message fails here.
//!
//! Each `$ ` line runs in bash, as a reader types it (pipes, `$(…)`, `export` kept for the rest
//! of the page), with `svcacct` on PATH. The pages say `http://127.0.0.1:8080` (where the sandbox
//! README starts one) and `/home/you`: the copy that runs says this sandbox's URL and HOME.
//!
//! Refresh the expected output after a deliberate change: `TRYCMD=overwrite cargo test --test
//! examples` (it keeps the `[..]` that still match), then read the diff. One page:
//! `cargo test --test examples -- webhooks`.

mod page;
mod sandbox;

use page::{Page, SignIn};

/// One test per page with console examples, and who is signed in before its first example.
macro_rules! pages {
    ($($name:ident: $path:literal, [$($profile:literal as $login:literal),*];)*) => {
        $(
            #[test]
            fn $name() {
                Page::new($path, &[$(SignIn { profile: $profile, login: $login }),*]).run();
            }
        )*

        /// Every page (of those `readme_commands_parse` reads) with a console block is run above.
        #[test]
        fn every_page_with_examples_runs() {
            page::assert_all_listed(&[$($path),*]);
        }

        /// docs/commands.md lists only commands that run, as they are, in the pages above.
        #[test]
        fn commands_at_a_glance_are_run_examples() {
            page::assert_only_run_commands("docs/commands.md", &[$($path),*]);
        }
    };
}

pages! {
    // The README signs in itself, as its first task.
    readme: "README.md", [];
    sandbox_readme: "sandbox/README.md", [];
    apps: "docs/apps.md", ["default" as "admin", "viewer" as "viewer"];
    audit: "docs/audit.md", ["default" as "owner"];
    scripting: "docs/scripting.md", ["default" as "admin"];
    configuration: "docs/configuration.md", ["default" as "admin"];
    credential_helpers: "docs/credential-helpers.md", ["default" as "admin"];
    sign_in: "docs/sign-in.md", ["default" as "admin"];
    service_accounts: "docs/service-accounts.md", ["default" as "admin"];
    webhooks: "docs/webhooks.md", ["default" as "owner"];
    tokens_and_users: "docs/tokens-and-users.md", ["default" as "admin", "manager" as "manager"];
}
