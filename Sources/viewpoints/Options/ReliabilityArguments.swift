import ArgumentParser
import ViewpointsCore

extension MeasurementLevel: ExpressibleByArgument {}
extension ReliabilityLayout: ExpressibleByArgument {}
extension Cohen.Weights: ExpressibleByArgument {}
extension Cohen.Positions: ExpressibleByArgument {}

/// `--metric alpha|cohen|fleiss|scott|percent|all`.
enum MetricChoice: String, ExpressibleByArgument, CaseIterable {
    case alpha, cohen, fleiss, scott, percent, all

    /// The coefficients chosen, in output order.
    var metrics: [ReliabilityMetric] {
        ReliabilityMetric(rawValue: rawValue).map { [$0] } ?? ReliabilityMetric.allCases
    }
}
