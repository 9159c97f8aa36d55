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

    /// Parses a label as a finite number.
    static func number(_ label: String) -> Double? {
        guard let number = Double(label), number.isFinite else { return nil }
        return number
    }

    /// The reason numeric analysis is impossible, or nil when every value is a number.
    var nonNumericReason: String? {
        guard let bad = firstNonNumeric else { return nil }
        return ReliabilityDataError.notANumber(unit: bad.unit, value: bad.value).description
    }
}
