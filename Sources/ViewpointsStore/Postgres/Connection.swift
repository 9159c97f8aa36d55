import CLibPQ
import Foundation

/// One libpq connection. Not shared across threads: each command opens its own.
public final class Connection {
    let handle: OpaquePointer
    /// Where the connection goes, without a password, for messages.
    public let address: String

    /// Connects with a libpq connection string (URI or key=value); empty means libpq's defaults (PG* variables).
    ///
    /// Unless the string or `PGCONNECT_TIMEOUT` sets one, connecting gives up after `connectTimeout` seconds, so an
    /// unreachable server (a firewall that drops packets, a port that accepts and never answers) fails in time.
    public init(
        conninfo: String, connectTimeout: Int = 10,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(StoreError) {
        // The connection string comes last and is expanded by libpq (expand_dbname), so its own settings,
        // connect_timeout included, override the default before it.
        var keywords = ["dbname"]
        var values = [conninfo]
        if environment["PGCONNECT_TIMEOUT"].map({ $0.isEmpty }) ?? true {
            keywords.insert("connect_timeout", at: 0)
            values.insert(String(connectTimeout), at: 0)
        }
        // No JIT: PostgreSQL compiles a query when its estimated cost is high, and the study queries' estimates
        // are (consensus on the 600-statement sample paid 0.2 s to compile a 33 ms query). Sent in the startup
        // packet, so it costs no round trip and survives reconnects; PGOPTIONS or the string's own `options`
        // replace it.
        if environment["PGOPTIONS"].map({ $0.isEmpty }) ?? true {
            keywords.insert("options", at: 0)
            values.insert(Connection.sessionOptions, at: 0)
        }
        let connection = Connection.withCStrings(keywords) { keywordPointers in
            Connection.withCStrings(values) { valuePointers in
                PQconnectdbParams(keywordPointers + [nil], valuePointers + [nil], 1)
            }
        }
        guard let conn = connection else {
            throw StoreError(.unavailable, "could not allocate a PostgreSQL connection")
        }
        handle = conn
        address = Connection.describe(conn)
        guard PQstatus(conn) == CONNECTION_OK else {
            let text = String(cString: PQerrorMessage(conn)).trimmingCharacters(in: .whitespacesAndNewlines)
            // deinit closes the handle: every stored property is set, so a throwing init still runs it
            let lower = text.lowercased()
            let kind: StoreError.Kind =
                lower.contains("password authentication failed") || lower.contains("permission denied")
                ? .permission : .unavailable
            throw StoreError(
                kind, "cannot connect to PostgreSQL at \(address): \(text)",
                reason: .cannotConnect)
        }
        PQsetNoticeProcessor(conn, { _, _ in }, nil)
    }

    deinit { PQfinish(handle) }

    /// Server settings of every session this program opens (libpq's `options`).
    public static let sessionOptions = "-c jit=off"

    /// `conninfo` with one parameter replaced (e.g. dbname), as a key=value string; URIs are parsed by libpq.
    public static func conninfo(_ base: String, setting key: String, to value: String) throws(StoreError) -> String {
        var error: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(base, &error) else {
            let text = error.map { String(cString: $0) } ?? "unparsable"
            if let error { PQfreemem(error) }
            throw StoreError(.configuration, "the database URL cannot be parsed: \(text)")
        }
        defer { PQconninfoFree(options) }
        var pairs: [(String, String)] = []
        var cursor = options
        while let keyword = cursor.pointee.keyword {
            let name = String(cString: keyword)
            if name != key, let val = cursor.pointee.val {
                pairs.append((name, String(cString: val)))
            }
            cursor += 1
        }
        pairs.append((key, value))
        return pairs.map { "\($0.0)='\(escape($0.1))'" }.joined(separator: " ")
    }

    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }

    static func describe(_ conn: OpaquePointer) -> String {
        let host = PQhost(conn).map { String(cString: $0) } ?? ""
        let port = PQport(conn).map { String(cString: $0) } ?? ""
        let db = PQdb(conn).map { String(cString: $0) } ?? ""
        let user = PQuser(conn).map { String(cString: $0) } ?? ""
        let place = host.hasPrefix("/") ? "socket \(host)" : "\(host):\(port)"
        return "\(user)@\(place)/\(db)"
    }

    /// The server's version string, e.g. "15.18".
    public var serverVersion: String {
        let v = Int(PQserverVersion(handle))
        return "\(v / 10000).\(v % 10000)"
    }

    /// The value libpq uses for one connection option (e.g. `connect_timeout`), nil when it is unset.
    public func option(_ keyword: String) -> String? {
        guard let options = PQconninfo(handle) else { return nil }
        defer { PQconninfoFree(options) }
        var cursor = options
        while let name = cursor.pointee.keyword {
            if String(cString: name) == keyword { return cursor.pointee.val.map { String(cString: $0) } }
            cursor += 1
        }
        return nil
    }

    // MARK: - Queries

    /// Runs one or more statements without parameters (DDL, migrations).
    public func execute(_ sql: String, doing what: String) throws(StoreError) {
        let result = PQexec(handle, sql)
        defer { PQclear(result) }
        try check(result, doing: what)
    }

    /// Runs one parameterized statement with text parameters (`$1`…) and returns its rows as text.
    @discardableResult
    public func query(_ sql: String, _ parameters: [String?] = [], doing what: String) throws(StoreError)
        -> QueryResult
    {
        let result = Connection.withCStrings(parameters) { pointers in
            PQexecParams(handle, sql, Int32(parameters.count), nil, pointers, nil, nil, 0)
        }
        defer { PQclear(result) }
        try check(result, doing: what)
        return QueryResult(result!, doing: what)
    }

    static func withCStrings<R>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        var owned: [UnsafeMutablePointer<CChar>?] = strings.map { $0.map { strdup($0) } }
        defer { for p in owned { free(p) } }
        return owned.withUnsafeMutableBufferPointer { buffer in
            body(buffer.map { $0.map { UnsafePointer($0) } })
        }
    }

    func check(_ result: OpaquePointer?, doing what: String) throws(StoreError) {
        guard let result else {
            throw StoreError(.unavailable, "\(what): lost the connection to PostgreSQL at \(address): \(lastError)")
        }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_COPY_IN, PGRES_EMPTY_QUERY: return
        default: throw failure(from: result, doing: what)
        }
    }

    /// The error of a failed result; `.unavailable` whenever the connection is gone, for libpq reports a lost
    /// server ("server closed the connection unexpectedly") without a SQLSTATE.
    func failure(from result: OpaquePointer, doing what: String) -> StoreError {
        var error = Connection.error(from: result, doing: what, fallback: lastError)
        if PQstatus(handle) == CONNECTION_BAD { error.kind = .unavailable }
        return error
    }

    var lastError: String {
        String(cString: PQerrorMessage(handle)).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func error(from result: OpaquePointer, doing what: String, fallback: String) -> StoreError {
        func field(_ code: Character) -> String? {
            guard let p = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: p)
        }
        let state = field("C")
        let message = field("M") ?? fallback
        let kind: StoreError.Kind
        switch state?.prefix(2) {
        case "08", "57": kind = .unavailable
        case "42" where state == "42501": kind = .permission
        case "28": kind = .permission
        // COPY FROM into a table with row-level security, for a login the policies apply to
        case "0A" where message.contains("row-level security"): kind = .permission
        case "22", "23": kind = .data
        default: kind = .other
        }
        return StoreError(kind, "\(what): \(message)", sqlState: state, detail: field("D"), hint: field("H"))
    }

    // MARK: - COPY

    /// Streams rows in COPY text format (or binary, when `sql` says `FORMAT binary` and `binary` is set) into `sql`
    /// (a `COPY … FROM STDIN`); returns the rows the server took.
    @discardableResult
    public func copyIn(
        _ sql: String, binary: Bool = false, doing what: String, _ body: (inout CopyWriter) throws(StoreError) -> Void
    ) throws(StoreError) -> Int {
        let start = PQexec(handle, sql)
        defer { PQclear(start) }
        try check(start, doing: what)
        guard PQresultStatus(start) == PGRES_COPY_IN else {
            throw StoreError(.other, "\(what): the server did not enter COPY mode")
        }
        widenSendBuffer()
        var writer = CopyWriter(connection: self, what: what, binary: binary)
        do {
            try body(&writer)
            try writer.finish()
        } catch {
            _ = PQputCopyEnd(handle, "aborted by client")
            drainResults()
            throw error
        }
        guard PQputCopyEnd(handle, nil) == 1 else {
            throw StoreError(.unavailable, "\(what): could not end COPY: \(lastError)")
        }
        var rows = 0
        var failure: StoreError?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) != PGRES_COMMAND_OK {
                failure = failure ?? self.failure(from: result, doing: what)
            } else {
                rows = Int(String(cString: PQcmdTuples(result))) ?? 0
            }
            PQclear(result)
        }
        if let failure { throw failure }
        return rows
    }

    /// Runs `sql` (a `COPY … TO STDOUT`) and hands each chunk of its output to `body`; returns the rows copied.
    @discardableResult
    public func copyOut(_ sql: String, doing what: String, _ body: (UnsafeRawBufferPointer) -> Void)
        throws(StoreError) -> Int
    {
        let start = PQexec(handle, sql)
        defer { PQclear(start) }
        guard let start else {
            throw StoreError(.unavailable, "\(what): lost the connection to PostgreSQL at \(address): \(lastError)")
        }
        guard PQresultStatus(start) == PGRES_COPY_OUT else {
            try check(start, doing: what)
            throw StoreError(.other, "\(what): the server did not enter COPY mode")
        }
        var chunk: UnsafeMutablePointer<CChar>?
        while true {
            let count = PQgetCopyData(handle, &chunk, 0)
            if count > 0, let data = chunk {
                body(UnsafeRawBufferPointer(start: data, count: Int(count)))
                PQfreemem(data)
                continue
            }
            if count == -1 { break }
            drainResults()
            throw StoreError(.unavailable, "\(what): reading COPY data failed: \(lastError)")
        }
        var rows = 0
        var failure: StoreError?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) != PGRES_COMMAND_OK {
                failure = failure ?? Connection.error(from: result, doing: what, fallback: lastError)
            } else {
                rows = Int(String(cString: PQcmdTuples(result))) ?? 0
            }
            PQclear(result)
        }
        if let failure { throw failure }
        return rows
    }

    func drainResults() {
        while let result = PQgetResult(handle) { PQclear(result) }
    }

    func putCopyData(_ bytes: UnsafeRawBufferPointer, doing what: String) throws(StoreError) {
        guard bytes.count > 0 else { return }
        let status = PQputCopyData(
            handle, bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count))
        guard status == 1 else {
            throw StoreError(.unavailable, "\(what): sending COPY data failed: \(lastError)")
        }
    }
}

extension Connection {
    /// Lets the kernel hold up to 4 MiB of COPY data the server has not read yet (as far as net.core.wmem_max
    /// allows; the default is about 200 KiB). With the default, a unix socket is writable again only once the
    /// server has drained three quarters of it, so the importer slept in poll() while the server parsed and the
    /// server waited while the importer redacted: on 200,000 statements 3.5 s of a 5.8 s import were spent in
    /// poll() (strace), with both processes' CPU times adding up to the wall time.
    func widenSendBuffer() {
        var size: Int32 = 4 << 20
        _ = setsockopt(PQsocket(handle), SOL_SOCKET, SO_SNDBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    }
}
