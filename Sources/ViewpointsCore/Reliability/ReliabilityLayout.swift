/// How a reliability CSV lays out its values.
public enum ReliabilityLayout: String, CaseIterable, Sendable {
    /// One row per value: columns `unit`, `coder` and `value`, found by name; a missing value is an absent row.
    case long
    /// One row per unit and one column per coder: the first column names the unit, the header names the coders,
    /// an empty cell is a missing value (the units × coders matrix of KALPHA and R irr's κ functions).
    case wide
}
