import CLibPQ

/// A transaction's isolation level (PostgreSQL's default is read committed).
public enum Isolation: String, Sendable {
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}

extension Connection {
    /// Runs `body` in a transaction: committed when it returns (rolled back instead with `dryRun`), rolled back
    /// when it throws. The one way the store runs a transaction: imports, backup, restore and cursors alike.
    ///
    /// When the connection is lost at COMMIT, nobody knows whether the server committed: the error then carries
    /// SQLSTATE 08007 (transaction resolution unknown), and the work must not simply be repeated.
    public func transaction<T>(
        readOnly: Bool = false, isolation: Isolation? = nil, dryRun: Bool = false, doing what: String,
        _ body: () throws(StoreError) -> T
    ) throws(StoreError) -> T {
        try run(readOnly: readOnly, isolation: isolation, dryRun: dryRun, doing: what, body).get()
    }

    /// `transaction` for a body that throws other errors too (an import's list of problems in the file).
    public func transaction<T>(
        readOnly: Bool = false, isolation: Isolation? = nil, dryRun: Bool = false, doing what: String,
        _ body: () throws -> T
    ) throws -> T {
        try run(readOnly: readOnly, isolation: isolation, dryRun: dryRun, doing: what, body).get()
    }

    /// Runs a query through a cursor in a read-only transaction, handing rows to `body` in batches, so memory
    /// stays constant.
    public func forEachRow(
        _ sql: String, _ parameters: [String?] = [], doing what: String, batch: Int = 5000,
        _ body: (Row) throws -> Void
    ) throws {
        try transaction(readOnly: true, doing: what) { () throws in
            // plan for reading every row: the default (10%) chose nested loops that took minutes on final codings
            try execute("SET LOCAL cursor_tuple_fraction = 1.0", doing: what)
            let cursor = "viewpoints_cursor"
            try query("DECLARE \(cursor) NO SCROLL CURSOR FOR " + sql, parameters, doing: what)
            while true {
                let rows = try query("FETCH \(batch) FROM \(cursor)", doing: what).rows
                for row in rows { try body(row) }
                if rows.count < batch { break }
            }
        }
    }

    /// BEGIN, the body, then COMMIT (or ROLLBACK for a dry run); the body's own error comes back as the failure.
    func run<T, E: Error>(
        readOnly: Bool, isolation: Isolation?, dryRun: Bool, doing what: String, _ body: () throws(E) -> T
    ) throws(StoreError) -> Result<T, E> {
        var begin = "BEGIN"
        if let isolation { begin += " ISOLATION LEVEL " + isolation.rawValue }
        if readOnly { begin += " READ ONLY" }
        try execute(begin, doing: what)
        let value: T
        do throws(E) {
            value = try body()
        } catch {
            _ = PQexec(handle, "ROLLBACK").map { PQclear($0) }
            return .failure(error)
        }
        if dryRun {
            try execute("ROLLBACK", doing: what)
            return .success(value)
        }
        do {
            try execute("COMMIT", doing: what)
        } catch {
            if PQstatus(handle) == CONNECTION_BAD {
                throw StoreError(
                    .unavailable,
                    "\(what): the connection to PostgreSQL at \(address) was lost while committing, "
                        + "so whether the change was saved is unknown (\(error.firstLine))",
                    sqlState: "08007")
            }
            _ = PQexec(handle, "ROLLBACK").map { PQclear($0) }
            throw error
        }
        return .success(value)
    }
}
