import Foundation

/// Runs a program to completion with posix_spawn and waitpid, its output going to a file.
///
/// Not Foundation's `Process`: when viewpoints itself is started by a program that leaves SIGCHLD blocked
/// (a test runner did), `Process.waitUntilExit` never returned after `pg_ctl` exited; a blocking waitpid does.
enum ChildProcess {
    /// Runs `executable` with `arguments`, standard input from /dev/null, output and errors to `outputPath`.
    static func run(_ executable: String, _ arguments: [String], outputPath: String) throws(StoreError) -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        signal(SIGCHLD, SIG_DFL)  // an inherited SIG_IGN would make waitpid lose the child's status

        // run from "/" (through env -C): the server's user may not be allowed into our working folder
        let launcher = "/usr/bin/env"
        let argv: [UnsafeMutablePointer<CChar>?] =
            ([launcher, "-C", "/", executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid = pid_t()
        let spawned = posix_spawn(&pid, launcher, &actions, &attributes, argv, environ)
        guard spawned == 0 else {
            throw StoreError(.unavailable, "cannot run \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw StoreError(.other, "lost track of \(executable): \(String(cString: strerror(errno)))")
            }
        }
        // WIFEXITED / WEXITSTATUS, which Swift does not import as macros
        if status & 0x7F == 0 { return (status >> 8) & 0xFF }
        return 128 + (status & 0x7F)
    }
}
