import ViewpointsCore

/// A type a column's text form decodes into: `String`, `Int`, `Double`, `Bool` (`t`/`f`), and `Optional` of
/// any of them for a column that may be NULL.
public protocol ColumnDecodable {
    /// The value of `text` (nil for NULL), or nil when the text is not of this type (or NULL for a non-optional).
    static func decode(column text: String?) -> Self?
}

extension String: ColumnDecodable {
    public static func decode(column text: String?) -> String? { text }
}

extension Int: ColumnDecodable {
    public static func decode(column text: String?) -> Int? { text.flatMap { Int($0) } }
}

extension Double: ColumnDecodable {
    public static func decode(column text: String?) -> Double? { text.flatMap { Double($0) } }
}

extension Bool: ColumnDecodable {
    public static func decode(column text: String?) -> Bool? {
        switch text {
        case "t": true
        case "f": false
        default: nil
        }
    }
}

extension Optional: ColumnDecodable where Wrapped: ColumnDecodable {
    public static func decode(column text: String?) -> Wrapped?? {
        guard let text else { return .some(nil) }
        return Wrapped.decode(column: text).map { .some($0) }
    }
}

/// One row of a result as PostgreSQL sent it (text, nil for NULL), decoded by type:
/// `let (id, name, width) = try row.decode((String, String, Int?).self)`.
public struct Row: Sendable, RandomAccessCollection {
    /// The columns' text, nil for NULL.
    public let values: [String?]
    let columns: [String]
    /// What the query was doing, for errors.
    let query: String

    init(values: [String?], columns: [String], query: String) {
        self.values = values
        self.columns = columns
        self.query = query
    }

    public var startIndex: Int { values.startIndex }
    public var endIndex: Int { values.endIndex }
    public subscript(position: Int) -> String? { values[position] }

    /// Column `index` as `T`; throws naming the query and column when it is missing, NULL or of another type.
    public func decode<T: ColumnDecodable>(_ index: Int, as type: T.Type = T.self) throws(StoreError) -> T {
        guard index < values.count else {
            throw StoreError(.other, "\(query): the result has no column \(index + 1) (it has \(values.count))")
        }
        guard let value = T.decode(column: values[index]) else {
            let name = index < columns.count ? columns[index] : "?"
            let found = values[index] == nil ? "NULL" : "a value that is not \(T.self)"
            throw StoreError(.other, "\(query): column \(index + 1) (\(name)) holds \(found)")
        }
        return value
    }

    /// The first columns as the types given, in order.
    public func decode<each T: ColumnDecodable>(_ types: (repeat each T).Type) throws(StoreError) -> (repeat each T) {
        var index = 0
        func next<V: ColumnDecodable>(_ type: V.Type) throws(StoreError) -> V {
            defer { index += 1 }
            return try decode(index, as: V.self)
        }
        return (repeat try next((each T).self))
    }
}

extension Stance: ColumnDecodable {
    public static func decode(column text: String?) -> Stance? { Int.decode(column: text).flatMap { Stance($0) } }
}

extension StudyRole: ColumnDecodable {
    public static func decode(column text: String?) -> StudyRole? { text.flatMap { StudyRole(rawValue: $0) } }
}
