import Foundation
import ViewpointsTestSupport

/// A PostgreSQL cluster of one test's own, which the test may restart or stop (the shared test server must not be).
///
/// Started like Scripts/lib.sh does: initdb and pg_ctl from `VIEWPOINTS_TEST_PG_BINDIR` (else the newest
/// `/usr/lib/postgresql/*/bin`), in a folder under /tmp that the server's user owns, run as `postgres` when the
/// tests run as root (PostgreSQL refuses root). Stopped and removed when released.
final class PrivateCluster: @unchecked Sendable {
    /// Why the cluster could not be set up.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let folder: String
    let port: Int
    let bindir: String

    /// A libpq URI of the cluster's `postgres` database (trust authentication, TCP on 127.0.0.1).
    var url: String { "postgresql://postgres@127.0.0.1:\(port)/postgres" }
    var dataDirectory: String { folder + "/data" }

    /// Whether PostgreSQL's server programs can be found.
    static var available: Bool { (try? locateBindir()) != nil }

    init() throws {
        bindir = try PrivateCluster.locateBindir()
        folder = "/tmp/viewpoints-pg-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chmod(folder, 0o755)
        if geteuid() == 0, let user = getpwnam("postgres") {
            chown(folder, user.pointee.pw_uid, user.pointee.pw_gid)
        }
        port = try ListeningSocket.freePort()
        try run("initdb", ["-D", dataDirectory, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"])
        try start()
    }

    /// `pg_ctl restart -m fast`: the server ends every session (57P01) and comes back on the same port.
    func restart() throws {
        try run(
            "pg_ctl", ["-D", dataDirectory, "-l", folder + "/server.log", "-w", "-t", "60", "-m", "fast", "restart"])
    }

    /// `pg_ctl stop -m fast`.
    func stop() throws {
        try run("pg_ctl", ["-D", dataDirectory, "-w", "-t", "60", "-m", "fast", "stop"])
    }

    /// `pg_ctl start`, on 127.0.0.1:`port` with the socket in the cluster's folder.
    func start() throws {
        try run(
            "pg_ctl",
            [
                "-D", dataDirectory, "-l", folder + "/server.log", "-w", "-t", "60", "-o",
                "-c listen_addresses=127.0.0.1 -p \(port) -k \(folder) -c fsync=off", "start",
            ])
    }

    deinit {
        try? run("pg_ctl", ["-D", dataDirectory, "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    static func locateBindir() throws -> String {
        let fm = FileManager.default
        var candidates: [String] = []
        if let dir = ProcessInfo.processInfo.environment["VIEWPOINTS_TEST_PG_BINDIR"], !dir.isEmpty {
            candidates.append(dir)
        }
        let root = "/usr/lib/postgresql"
        candidates += ((try? fm.contentsOfDirectory(atPath: root)) ?? []).compactMap { Int($0) }.sorted(by: >)
            .map { "\(root)/\($0)/bin" }
        guard let dir = candidates.first(where: { fm.isExecutableFile(atPath: $0 + "/pg_ctl") }) else {
            throw Failure(description: "PostgreSQL's server programs not found: set VIEWPOINTS_TEST_PG_BINDIR")
        }
        return dir
    }

    /// Runs one of the server programs as the server's user, from "/" (that user may not enter our folder).
    func run(_ tool: String, _ arguments: [String]) throws {
        var executable = bindir + "/" + tool
        var argv = arguments
        if geteuid() == 0 {
            argv = ["-u", "postgres", "--", executable] + arguments
            executable = "/usr/sbin/runuser"
        }
        // output to a file: the postmaster that pg_ctl starts inherits it and would hold a pipe open
        let output = NSTemporaryDirectory() + "viewpoints-pgctl-\(UUID().uuidString).out"
        defer { try? FileManager.default.removeItem(atPath: output) }
        let child = try Spawn.start(
            executable, argv, environment: ProcessInfo.processInfo.environment, stdin: "/dev/null", stdout: output,
            stderr: output, currentDirectory: "/")
        let ended = child.wait()
        guard ended.status == 0, !ended.signaled else {
            let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
            let log = (try? String(contentsOfFile: folder + "/server.log", encoding: .utf8)) ?? ""
            throw Failure(
                description: "\(tool) \(arguments.joined(separator: " ")) failed: \(text)\n\(log.suffix(2000))")
        }
    }
}
