//! The `zhulao` program: everything it does is in the library, starting at `zhulao::cli`.

fn main() -> std::process::ExitCode {
    zhulao::cli::main()
}
