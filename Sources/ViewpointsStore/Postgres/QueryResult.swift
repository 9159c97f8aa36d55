import CLibPQ

/// The rows of a query, copied out of libpq as text (nil for NULL).
public struct QueryResult: Sendable {
    public var columns: [String]
    public var rows: [Row]
    /// Rows affected by an INSERT, UPDATE, DELETE or COPY.
    public var affected: Int
    /// What the query was doing, for errors.
    let query: String

    init(_ result: OpaquePointer, doing what: String) {
        let columnCount = Int(PQnfields(result))
        let rowCount = Int(PQntuples(result))
        let columns = (0..<columnCount).map { String(cString: PQfname(result, Int32($0))) }
        var rows: [Row] = []
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
            rows.append(Row(values: row, columns: columns, query: what))
        }
        self.columns = columns
        self.rows = rows
        self.query = what
        affected = Int(String(cString: PQcmdTuples(result))) ?? 0
    }

    /// The first column of the first row, when there is one.
    public var scalar: String? { rows.first?.first ?? nil }

    /// The only row; throws naming the query when there is none.
    public func one() throws(StoreError) -> Row {
        guard let row = rows.first else { throw StoreError(.other, "\(query): the query returned no row") }
        return row
    }

    /// The first column of the only row as `T`.
    public func one<T: ColumnDecodable>(_ type: T.Type) throws(StoreError) -> T {
        try one().decode(0, as: T.self)
    }

    /// Column `index` of every row as `T`.
    public func column<T: ColumnDecodable>(_ index: Int, as type: T.Type) throws(StoreError) -> [T] {
        var values: [T] = []
        values.reserveCapacity(rows.count)
        for row in rows { values.append(try row.decode(index, as: T.self)) }
        return values
    }

    /// Each row transformed; the closure may throw a decoding error.
    public func map<T>(_ transform: (Row) throws(StoreError) -> T) throws(StoreError) -> [T] {
        var mapped: [T] = []
        mapped.reserveCapacity(rows.count)
        for row in rows { mapped.append(try transform(row)) }
        return mapped
    }

    /// The first columns of each row as the types given.
    public func decode<each T: ColumnDecodable>(_ types: (repeat each T).Type) throws(StoreError) -> [(repeat each T)] {
        var decoded: [(repeat each T)] = []
        decoded.reserveCapacity(rows.count)
        for row in rows { decoded.append(try row.decode((repeat each T).self)) }
        return decoded
    }
}
