/// Why reliability data could not be formed.
public enum ReliabilityDataError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The same coder gave two values for the same unit.
    case duplicateValue(unit: String, coder: String)
    /// A value is not a finite decimal number although the level of measurement needs numbers.
    case notANumber(unit: String, value: String)
    /// A coder asked for is not in the data.
    case unknownCoder(String)

    /// A message naming the unit, coder or value at fault.
    public var description: String {
        switch self {
        case .duplicateValue(let unit, let coder):
            return "unit '\(unit)' has more than one value from coder '\(coder)'"
        case .notANumber(let unit, let value):
            return "unit '\(unit)' has value '\(value)', which is not a decimal number"
        case .unknownCoder(let coder):
            return "coder '\(coder)' has no values in the data"
        }
    }
}
