import Foundation
import ViewpointsCore

/// The private PostgreSQL cluster Viewpoints starts itself when no `DATABASE_URL` is given.
///
/// It listens on a unix socket in a short private folder (the socket path limit is 107 bytes) and, only
/// with `--tcp`, on 127.0.0.1 with scram-sha-256 and a generated password kept in `$VIEWPOINTS_HOME`.
/// As root, PostgreSQL refuses to run, so the cluster runs as the `postgres` user in a folder that user
/// owns under `/var/lib/viewpoints/`, named after a digest of the home folder.
public struct ManagedServer: Sendable {
    /// `$VIEWPOINTS_HOME`: keys, settings and (when not root) the cluster.
    public let home: String
    public let clusterRoot: String
    public let runAsUser: String?
    static let superuser = "viewpoints"
    static let database = "viewpoints"

    /// What `server status` reports.
    public struct Status: Sendable {
        public var running: Bool
        public var initialized: Bool
        public var dataDirectory: String
        public var socketDirectory: String
        public var tcpPort: Int?
        public var version: String?
    }

    /// The home folder from `VIEWPOINTS_HOME`, else `~/.local/share/viewpoints`.
    public static func defaultHome(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let home = environment["VIEWPOINTS_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home).standardizedFileURL.path
        }
        let base = environment["HOME"] ?? NSHomeDirectory()
        return base + "/.local/share/viewpoints"
    }

    public init(home: String) {
        self.home = home
        if geteuid() == 0 {
            runAsUser = "postgres"
            let tag = Hashing.hex(Hashing.sha256(home)).prefix(12)
            clusterRoot = "/var/lib/viewpoints/\(tag)"
        } else {
            runAsUser = nil
            clusterRoot = home + "/cluster"
        }
    }

    var dataDirectory: String { clusterRoot + "/data" }
    var logFile: String { clusterRoot + "/server.log" }
    var settingsFile: String { home + "/server.json" }
    var passwordFile: String { home + "/server.password" }

    /// The socket folder inside the cluster's folder, when that path is short enough for the 107-byte limit.
    var preferredSocketDirectory: String? {
        let preferred = clusterRoot + "/run"
        return preferred.utf8.count <= 80 ? preferred : nil
    }

    /// A folder for the socket, short enough for the 107-byte limit: `run` in the cluster's folder, or else a
    /// folder under `/tmp` with a random name (made by `mkdtemp`, so no one can create it first) recorded in
    /// `server.json`.
    public var socketDirectory: String {
        preferredSocketDirectory ?? readSettings().socketDirectory ?? "/tmp/viewpoints-(not yet created)"
    }

    /// The user id that must own the socket folder: the server's user.
    var serverUID: uid_t {
        guard let user = runAsUser, let entry = getpwnam(user) else { return geteuid() }
        return entry.pointee.pw_uid
    }

    /// The socket folder after checking with `lstat` that it is a folder of the server's user no one else may use.
    func verifiedSocketDirectory() throws(StoreError) -> String {
        guard let folder = preferredSocketDirectory ?? readSettings().socketDirectory else {
            // a server started by an earlier version, with its socket where another user could have put it
            throw StoreError(
                .configuration, "the managed server has no private socket folder recorded in \(settingsFile)",
                reason: .noSocketFolder)
        }
        try PrivateFolder.verify(folder, owner: serverUID)
        return folder
    }

    /// libpq connection string for the running cluster.
    public var conninfo: String {
        "host=\(socketDirectory) port=5432 dbname=\(ManagedServer.database) user=\(ManagedServer.superuser)"
    }

    // MARK: - Lifecycle

    /// Starts the cluster if it is not running (initializing it first when needed).
    @discardableResult
    public func ensureRunning(willStart: (_ initializing: Bool) -> Void = { _ in }) throws(StoreError) -> Status {
        let current = try status()
        if current.running {
            _ = try verifiedSocketDirectory()
            if !FileManager.default.fileExists(atPath: clusterRoot + "/.database-created") {
                try createDatabaseIfNeeded(port: current.tcpPort ?? 5432)
            }
            return current
        }
        willStart(!current.initialized)
        return try start(tcpPort: nil)
    }

    /// Initializes (once) and starts the cluster; with `tcpPort`, also on 127.0.0.1 with a password.
    public func start(tcpPort: Int?) throws(StoreError) -> Status {
        let lock = try lockHome()
        defer { close(lock) }
        let tools = try PostgresTools.locate()
        try prepareFolders()
        var settings = readSettings()
        if let tcpPort { settings.tcpPort = tcpPort }
        var current = try status(tools: tools)
        if current.running {
            if tcpPort != nil && current.tcpPort != tcpPort {
                throw StoreError(
                    .configuration, "the managed server is already running without TCP on that port",
                    reason: .tcpConflict)
            }
            return current
        }
        if !current.initialized { try initialize(tools: tools) }
        let socket = try verifiedSocketDirectory()
        var options = "-c listen_addresses='' -k \(socket) -p 5432 -c unix_socket_permissions=0700"
        if let port = settings.tcpPort {
            options = "-c listen_addresses=127.0.0.1 -k \(socket) -p \(port) -c unix_socket_permissions=0700"
        }
        try run(
            tools.path("pg_ctl"),
            ["-D", dataDirectory, "-l", logFile, "-w", "-t", "60", "-o", options, "start"],
            doing: "starting PostgreSQL")
        // the port is recorded before the password is set: that connection reads it (on a fresh home it was 5432)
        writeSettings(settings)
        if settings.tcpPort != nil { try setPassword() }
        try createDatabaseIfNeeded(port: settings.tcpPort ?? 5432)
        current = try status(tools: tools)
        return current
    }

    /// Stops the cluster (fast shutdown); a no-op when it is not running.
    @discardableResult
    public func stop() throws(StoreError) -> Bool {
        let tools = try PostgresTools.locate()
        guard try status(tools: tools).running else { return false }
        try run(tools.path("pg_ctl"), ["-D", dataDirectory, "-m", "fast", "-w", "stop"], doing: "stopping PostgreSQL")
        return true
    }

    /// Whether the cluster exists and runs.
    public func status() throws(StoreError) -> Status {
        try status(tools: PostgresTools.locate())
    }

    func status(tools: PostgresTools) throws(StoreError) -> Status {
        let initialized = FileManager.default.fileExists(atPath: dataDirectory + "/PG_VERSION")
        var running = false
        if initialized {
            let result = try execute(tools.path("pg_ctl"), ["-D", dataDirectory, "status"])
            running = result.status == 0
        }
        let version = initialized ? (try? String(contentsOfFile: dataDirectory + "/PG_VERSION", encoding: .utf8)) : nil
        let settings = readSettings()
        return Status(
            running: running, initialized: initialized, dataDirectory: dataDirectory,
            socketDirectory: socketDirectory, tcpPort: running ? settings.tcpPort : nil,
            version: version?.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    // MARK: - Setup

    func prepareFolders() throws(StoreError) {
        let fm = FileManager.default
        try PrivateFolder.create(home)
        try PrivateFolder.create(clusterRoot)
        var socket = preferredSocketDirectory
        if let preferred = socket {
            try PrivateFolder.create(preferred)
        } else if let recorded = readSettings().socketDirectory, fm.fileExists(atPath: recorded),
            (try? PrivateFolder.verify(recorded, owner: serverUID)) != nil
        {
            socket = recorded
        } else {
            var template = Array("/tmp/viewpoints-XXXXXX".utf8CString)
            guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
                throw StoreError(
                    .cannotWrite, "cannot create a socket folder in /tmp: \(String(cString: strerror(errno)))",
                    hint: "set VIEWPOINTS_HOME to a shorter path, or give a DATABASE_URL")
            }
            socket = String(cString: made)
            var settings = readSettings()
            settings.socketDirectory = socket
            writeSettings(settings)
        }
        if let user = runAsUser, let socket {
            if fm.fileExists(atPath: "/var/lib/viewpoints") {
                chmod("/var/lib/viewpoints", 0o755)
            }
            for path in [clusterRoot, socket] {
                try run(
                    "/bin/chown", ["-R", "\(user):", path], doing: "giving \(path) to the \(user) user", asServer: false
                )
            }
        }
    }

    func initialize(tools: PostgresTools) throws(StoreError) {
        try run(
            tools.path("initdb"),
            [
                "-D", dataDirectory, "-U", ManagedServer.superuser, "-E", "UTF8", "--no-locale",
                "--auth-local=trust", "--auth-host=scram-sha-256",
            ], doing: "initializing the managed PostgreSQL cluster")
    }

    func createDatabaseIfNeeded(port: Int) throws(StoreError) {
        let admin = try Connection(
            conninfo: "host=\(socketDirectory) port=\(port) dbname=postgres user=\(ManagedServer.superuser)")
        let exists = try admin.query(
            "SELECT 1 FROM pg_database WHERE datname = $1", [ManagedServer.database], doing: "looking for the database")
        if exists.rows.isEmpty {
            try admin.execute("CREATE DATABASE \(ManagedServer.database)", doing: "creating the viewpoints database")
        }
        FileManager.default.createFile(atPath: clusterRoot + "/.database-created", contents: nil)
    }

    func setPassword() throws(StoreError) {
        var password =
            (try? String(contentsOfFile: passwordFile, encoding: .utf8))?
            .trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if password.isEmpty {
            password = Hashing.hex(Hashing.randomBytes(18))
            // created 0600 in one step (O_EXCL: never through a file or link someone else put there)
            try? FileManager.default.removeItem(atPath: passwordFile)
            let fd = open(passwordFile, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw StoreError(
                    .cannotWrite, "cannot create \(passwordFile): \(String(cString: strerror(errno)))")
            }
            let bytes = Array((password + "\n").utf8)
            let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            close(fd)
            guard written == bytes.count else {
                throw StoreError(.cannotWrite, "cannot write \(passwordFile): \(String(cString: strerror(errno)))")
            }
        }
        let admin = try Connection(conninfo: conninfoFor(database: "postgres"))
        try admin.query(
            "SELECT set_config('password_encryption', 'scram-sha-256', false)", doing: "choosing scram-sha-256")
        let escaped = password.replacingOccurrences(of: "'", with: "''")
        try admin.execute(
            "ALTER ROLE \(ManagedServer.superuser) PASSWORD '\(escaped)'", doing: "setting the TCP password")
    }

    func conninfoFor(database: String) -> String {
        let port = readSettings().tcpPort ?? 5432
        return "host=\(socketDirectory) port=\(port) dbname=\(database) user=\(ManagedServer.superuser)"
    }

    /// The connection string for the running cluster (its port follows `--tcp`).
    public var currentConninfo: String { conninfoFor(database: ManagedServer.database) }

    /// The TCP password, when `server start --tcp` made one.
    public var tcpPassword: String? {
        (try? String(contentsOfFile: passwordFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: - Settings

    struct Settings: Codable {
        var tcpPort: Int?
        /// The socket folder under `/tmp`, when the cluster's own folder is too deep for a socket path.
        var socketDirectory: String?
    }

    func readSettings() -> Settings {
        guard let data = FileManager.default.contents(atPath: settingsFile),
            let settings = try? JSONDecoder().decode(Settings.self, from: data)
        else { return Settings() }
        return settings
    }

    func writeSettings(_ settings: Settings) {
        if let data = try? JSONEncoder().encode(settings) {
            FileManager.default.createFile(atPath: settingsFile, contents: data, attributes: [.posixPermissions: 0o600])
        }
    }

    func lockHome() throws(StoreError) -> Int32 {
        try PrivateFolder.create(home)
        // close-on-exec: the postmaster that pg_ctl starts must not inherit (and so keep) the lock
        let fd = open(home + "/.server.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw StoreError(.cannotWrite, "cannot create \(home)/.server.lock: \(String(cString: strerror(errno)))")
        }
        flock(fd, LOCK_EX)
        return fd
    }

    // MARK: - Processes

    func run(_ tool: String, _ arguments: [String], doing what: String, asServer: Bool = true) throws(StoreError) {
        let result = try execute(tool, arguments, asServer: asServer)
        guard result.status == 0 else {
            var message = "\(what) failed (\(URL(fileURLWithPath: tool).lastPathComponent) exited \(result.status))"
            let output = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
            if !output.isEmpty { message += ":\n" + output }
            if let log = try? String(contentsOfFile: logFile, encoding: .utf8), what.contains("starting") {
                message +=
                    "\nlast lines of \(logFile):\n" + log.split(separator: "\n").suffix(5).joined(separator: "\n")
            }
            throw StoreError(.unavailable, message)
        }
    }

    func execute(_ tool: String, _ arguments: [String], asServer: Bool = true) throws(StoreError) -> (
        status: Int32, output: String
    ) {
        var executable = tool
        var argv = arguments
        if asServer, let user = runAsUser {
            executable = "/usr/sbin/runuser"
            argv = ["-u", user, "--", tool] + arguments
        }
        // Output goes to a file, not a pipe: the postmaster that pg_ctl starts inherits the descriptors and
        // would hold a pipe open forever.
        let outputPath = NSTemporaryDirectory() + "viewpoints-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        let status = try ChildProcess.run(executable, argv, outputPath: outputPath)
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        return (status, String(decoding: data, as: UTF8.self))
    }
}
