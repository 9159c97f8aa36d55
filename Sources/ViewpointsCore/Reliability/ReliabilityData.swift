/// Values of units by coders with missing values, held as dense integer indices for fast computation.
///
/// A unit exists when at least one coder gave it a value; a missing value is simply absent.
/// Values are labels; when every distinct label is a finite number, numeric levels can use them.
public struct ReliabilityData: Sendable, Equatable {
    /// Unit identifiers in order of first appearance.
    public let units: [String]
    /// Coder identifiers in order of first appearance.
    public let coders: [String]
    /// Distinct value labels in order of first appearance.
    public let categories: [String]
    /// The number of each category when every label is a finite number, otherwise nil.
    let categoryNumbers: [Double]?
    /// The first label that is not a number, with a unit where it occurs.
    let firstNonNumeric: NonNumericValue?
    /// Values of unit `u` are at indices `unitOffsets[u] ..< unitOffsets[u + 1]`.
    let unitOffsets: [Int]
    /// Coder index of each value.
    let valueCoders: [Int32]
    /// Category index of each value.
    let valueCategories: [Int32]

    /// A label that does not parse as a number and a unit that has it.
    struct NonNumericValue: Sendable, Equatable {
        var unit: String
        var value: String
    }

    /// Builds the data from long-format triples; a duplicate unit and coder is an error, and for levels
    /// other than nominal every value must be a finite number.
    public init(
        _ triples: [(unit: String, coder: String, value: String)],
        level: MeasurementLevel = .nominal
    ) throws(ReliabilityDataError) {
        var builder = Builder(minimumCapacity: triples.count)
        for triple in triples {
            builder.add(unit: triple.unit, coder: triple.coder, value: triple.value)
        }
        self = try builder.build(level: level)
    }

    init(
        units: [String], coders: [String], categories: [String], categoryNumbers: [Double]?,
        firstNonNumeric: NonNumericValue?, unitOffsets: [Int], valueCoders: [Int32], valueCategories: [Int32]
    ) {
        self.units = units
        self.coders = coders
        self.categories = categories
        self.categoryNumbers = categoryNumbers
        self.firstNonNumeric = firstNonNumeric
        self.unitOffsets = unitOffsets
        self.valueCoders = valueCoders
        self.valueCategories = valueCategories
    }

    /// The number of values (non-missing unit-coder cells).
    public var valueCount: Int { valueCategories.count }

    /// True when every value is a finite number, so ordinal, interval and ratio levels apply.
    public var isNumeric: Bool { categoryNumbers != nil }

    /// Parses a label as a finite decimal number: an optional sign, digits with an optional decimal point and an
    /// optional exponent (`3`, `-2`, `+0.5`, `.5`, `1e3`, `2.5E-1`), decimals as R's `read.csv` and Python's
    /// `float` read them too.
    ///
    /// Swift's `Double(_:)` (like R and Python) also reads hexadecimal (`0x10` is 16), `inf`, `infinity` and
    /// `nan`; those are refused, as are spaces, digit separators and decimal commas, so that a rating is the
    /// number a reader of the file sees, and a missing value is an empty field rather than `nan`.
    static func number(_ label: String) -> Double? {
        guard isDecimal(label.utf8), let number = Double(label), number.isFinite else { return nil }
        return number
    }

    /// True when the bytes are `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?` in ASCII.
    static func isDecimal(_ bytes: String.UTF8View) -> Bool {
        var index = bytes.startIndex
        func skip(_ accepted: (UInt8) -> Bool) -> Int {
            var count = 0
            while index < bytes.endIndex, accepted(bytes[index]) {
                bytes.formIndex(after: &index)
                count += 1
            }
            return count
        }
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let isSign: (UInt8) -> Bool = { $0 == UInt8(ascii: "+") || $0 == UInt8(ascii: "-") }
        if index < bytes.endIndex, isSign(bytes[index]) { bytes.formIndex(after: &index) }
        var mantissaDigits = skip(isDigit)
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            bytes.formIndex(after: &index)
            mantissaDigits += skip(isDigit)
        }
        guard mantissaDigits > 0 else { return false }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            bytes.formIndex(after: &index)
            if index < bytes.endIndex, isSign(bytes[index]) { bytes.formIndex(after: &index) }
            guard skip(isDigit) > 0 else { return false }
        }
        return index == bytes.endIndex
    }

    /// The reason numeric analysis is impossible, or nil when every value is a number.
    var nonNumericReason: String? {
        guard let bad = firstNonNumeric else { return nil }
        return ReliabilityDataError.notANumber(unit: bad.unit, value: bad.value).description
    }
}
