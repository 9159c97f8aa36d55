/// The outcome of one reliability coefficient with the counts it rests on.
public struct ReliabilityResult: Sendable, Equatable {
    /// Whether the coefficient has a value, and why not when it has none.
    public enum State: Sendable, Equatable {
        /// The coefficient is defined and has this value.
        case defined(Double)
        /// The preconditions hold but the coefficient has no value (for example expected disagreement 0).
        case undefined(reason: String)
        /// The coefficient's preconditions fail for these data (for example three coders for Cohen's κ).
        case notApplicable(reason: String)
    }

    /// A bootstrap percentile interval.
    public struct ConfidenceInterval: Sendable, Equatable {
        /// Lower bound.
        public var low: Double
        /// Upper bound.
        public var high: Double
        /// Nominal coverage, 0.95 for a 95% interval.
        public var level: Double
    }

    /// How many bootstrap resamples were drawn, and in how many of them the coefficient was defined.
    ///
    /// Only the defined ones enter the percentiles; resamples without variation have no α, so an interval from
    /// a small share of them speaks for the data less than its width suggests.
    public struct Resamples: Sendable, Equatable {
        /// Resamples drawn.
        public var drawn: Int
        /// Resamples whose coefficient was defined.
        public var defined: Int

        /// True when the coefficient was defined in at least 95% of the resamples.
        public var isAdequate: Bool { defined * 100 >= drawn * 95 }
    }

    /// Defined value, undefined or not applicable.
    public var state: State
    /// Units that entered the computation (pairable units; for Cohen and Scott, units coded by both).
    public var units: Int
    /// Coders with at least one value in those units.
    public var coders: Int
    /// Values in those units.
    public var pairableValues: Int
    /// Bootstrap interval, when one was requested and could be formed.
    public var ci: ConfidenceInterval?
    /// Bootstrap resamples drawn and defined, when a bootstrap ran (the coefficient was defined on the data).
    public var resamples: Resamples?

    /// The value when defined, otherwise nil.
    public var value: Double? {
        if case .defined(let value) = state { return value }
        return nil
    }

    /// True unless the coefficient is not applicable.
    public var isApplicable: Bool {
        if case .notApplicable = state { return false }
        return true
    }

    /// The reason when undefined or not applicable, otherwise nil.
    public var reason: String? {
        switch state {
        case .defined: return nil
        case .undefined(let reason), .notApplicable(let reason): return reason
        }
    }

    static func notApplicable(_ reason: String) -> ReliabilityResult {
        ReliabilityResult(state: .notApplicable(reason: reason), units: 0, coders: 0, pairableValues: 0)
    }
}
