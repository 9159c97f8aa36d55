import CLibPQ

/// The rows of a query, copied out of libpq as text (nil for NULL).
public struct QueryResult: Sendable {
    public var columns: [String]
    public var rows: [[String?]]
    /// Rows affected by an INSERT, UPDATE, DELETE or COPY.
    public var affected: Int

    init(_ result: OpaquePointer) {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var rows: [[String?]] = []
        rows.reserveCapacity(rowCount)
        for r in 0..<rowCount {
            var row: [String?] = []
            row.reserveCapacity(columnCount)
            for c in 0..<columnCount {
                if PQgetisnull(result, Int32(r), Int32(c)) == 1 {
                    row.append(nil)
                } else {
                    row.append(String(cString: PQgetvalue(result, Int32(r), Int32(c))))
                }
            }
            rows.append(row)
        }
        self.rows = rows
        affected = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// The first column of the first row, when there is one.
    public var scalar: String? { rows.first?.first ?? nil }
}
