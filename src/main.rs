fn main() -> std::process::ExitCode {
    svcacct::run()
}
