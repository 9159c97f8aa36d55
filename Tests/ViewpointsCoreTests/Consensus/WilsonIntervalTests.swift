import Foundation
import Testing
import ViewpointsCore

@Suite struct WilsonIntervalTests {
    /// The bounds are the roots of (n + z²) p² − (2k + z²) p + k²/n = 0: the p at which the score test
    /// (k/n − p)² n = z² p (1 − p) is exactly at its limit.
    static func quadraticRoots(_ k: Int, _ n: Int, z: Double = 1.959963984540054) -> (Double, Double) {
        let (k, n) = (Double(k), Double(n))
        let a = n + z * z
        let b = -(2 * k + z * z)
        let c = k * k / n
        let root = (b * b - 4 * a * c).squareRoot()
        return ((-b - root) / (2 * a), (-b + root) / (2 * a))
    }

    @Test(arguments: [(39, 50), (22, 31), (44, 44), (0, 7), (1, 3), (3, 4), (17, 26), (500, 1000), (1, 10_000)])
    func boundsSolveTheScoreTest(_ k: Int, _ n: Int) throws {
        let interval = try #require(WilsonInterval(successes: k, trials: n))
        let (low, high) = WilsonIntervalTests.quadraticRoots(k, n)
        #expect(abs(interval.low - low) < 1e-9)
        #expect(abs(interval.high - high) < 1e-9)
    }

    /// Newcombe (1998), Stat Med 17:857, table I, method 3 (score interval without continuity correction).
    @Test(arguments: [
        (81, 263, 0.2553, 0.3662), (15, 148, 0.0624, 0.1605), (0, 20, 0.0, 0.1611), (1, 29, 0.0061, 0.1718),
    ])
    func reproducesNewcombe1998(_ k: Int, _ n: Int, _ low: Double, _ high: Double) throws {
        let interval = try #require(WilsonInterval(successes: k, trials: n))
        #expect(abs(interval.low - low) < 0.00005)
        #expect(abs(interval.high - high) < 0.00005)
    }

    @Test func workedRowOfTheSample() throws {
        // relations.lowest-since-9-11: 39 of 50 who addressed it
        let interval = try #require(WilsonInterval(successes: 39, trials: 50))
        #expect(String(format: "%.6f %.6f", interval.low, interval.high) == "0.647585 0.872461")
    }

    @Test func isUndefinedWithoutParticipantsAndClampedAtTheEnds() throws {
        #expect(WilsonInterval(successes: 0, trials: 0) == nil)
        #expect(try #require(WilsonInterval(successes: 0, trials: 5)).low == 0)
        #expect(try #require(WilsonInterval(successes: 5, trials: 5)).high == 1)
    }
}
