import Foundation

/// A child process started with posix_spawn and reaped with a blocking waitpid.
///
/// Foundation's `Process` left children unreaped (`waitUntilExit` never returned) when many tests spawned
/// processes in parallel; waitpid on the pid cannot miss the child's exit.
public struct Spawn: Sendable {
    public let pid: pid_t

    /// Starts `executable` with standard input, output and error redirected to files (output files created).
    public static func start(
        _ executable: String, _ arguments: [String], environment: [String: String], stdin: String, stdout: String,
        stderr: String, currentDirectory: String? = nil
    ) throws -> Spawn {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if stderr == stdout {
            posix_spawn_file_actions_adddup2(&actions, 1, 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
        var program = executable
        var argv = [executable] + arguments
        if let currentDirectory {
            program = "/usr/bin/env"
            argv = ["/usr/bin/env", "-C", currentDirectory, executable] + arguments
        }
        let cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        let cEnvironment: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for p in cArguments { free(p) }
            for p in cEnvironment { free(p) }
        }
        var pid = pid_t()
        let result = posix_spawn(&pid, program, &actions, &attributes, cArguments, cEnvironment)
        guard result == 0 else {
            throw POSIXError(POSIXErrorCode(rawValue: result) ?? .EINVAL)
        }
        return Spawn(pid: pid)
    }

    /// Waits for the child; returns its exit status, or the signal number and true when a signal ended it.
    public func wait() -> (status: Int32, signaled: Bool) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            if errno != EINTR { return (-1, false) }
        }
        if status & 0x7F == 0 { return ((status >> 8) & 0xFF, false) }
        return (status & 0x7F, true)
    }
}
