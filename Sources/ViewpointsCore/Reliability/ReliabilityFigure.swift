/// One coefficient's result with the settings it was computed with.
public struct ReliabilityFigure: Sendable, Equatable {
    /// The coefficient.
    public var metric: ReliabilityMetric
    /// The level the values were compared at (nominal for coefficients that compare labels).
    public var level: MeasurementLevel
    /// Cohen's κ weights; nil for other coefficients.
    public var weights: Cohen.Weights?
    /// Value or why there is none, with counts and interval.
    public var result: ReliabilityResult

    /// Creates a figure.
    public init(metric: ReliabilityMetric, level: MeasurementLevel, weights: Cohen.Weights?, result: ReliabilityResult)
    {
        self.metric = metric
        self.level = level
        self.weights = weights
        self.result = result
    }
}
