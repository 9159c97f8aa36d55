/// A participant's stance on a proposition: the mean of their final-coded stances, rounded half away from zero.
public enum ParticipantStance {
    /// Where a rounded stance falls: support (> 0), oppose (< 0) or neutral (0).
    public enum Position: String, Sendable, CaseIterable {
        case support, neutral, oppose
    }

    /// The mean `sum / count` rounded half away from zero, exactly (integer arithmetic: 0.5 → 1, −1.5 → −2).
    ///
    /// PostgreSQL's `round` on double precision rounds ties to even (0.5 → 0); on numeric it rounds away from
    /// zero, as here. `count` must be positive.
    public static func rounded(sum: Int, count: Int) -> Int {
        precondition(count > 0, "a participant stance needs at least one final-coded statement")
        let magnitude = (2 * abs(sum) + count) / (2 * count)
        return sum < 0 ? -magnitude : magnitude
    }

    /// The rounded mean of `stances` (nil when there are none).
    public static func rounded(_ stances: [Int]) -> Int? {
        stances.isEmpty ? nil : rounded(sum: stances.reduce(0, +), count: stances.count)
    }

    /// The position of a rounded stance.
    public static func position(_ stance: Int) -> Position {
        stance > 0 ? .support : stance < 0 ? .oppose : .neutral
    }
}
