import Foundation

/// Panel resampling (Efron & Tibshirani 1993): B bootstrap panels of N participants drawn with replacement from
/// the panel, each a multinomial draw over the counts of support, neutral, oppose and not addressed, so the cost
/// does not grow with N. Reports how often the phrase's key and the class stay the reported ones, and the 95%
/// percentile interval of the support share k / n.
public struct PanelBootstrap: Sendable, Equatable {
    /// The share of resamples whose phrase key (quantifier and side, or divided / mostly neutral / too few) is the
    /// reported one.
    public var phraseStability: Double
    /// The share of resamples whose consensus class is the reported one.
    public var classStability: Double
    /// The 2.5% and 97.5% percentiles (Hyndman & Fan type 7) of k / n over the resamples with n > 0; nil when
    /// no resample has anybody who addressed it.
    public var supportLow: Double?
    public var supportHigh: Double?
    /// B, and the resamples with n > 0 that the interval uses.
    public var resamples: Int
    public var definedResamples: Int

    /// B resamples of `tally`'s panel, drawn with SplitMix64 from `seed`; nil when the panel is empty or B < 1.
    public init?(
        _ tally: ConsensusTally, _ thresholds: ConsensusThresholds = .init(), resamples: Int, seed: UInt64
    ) {
        let big = max(tally.participants, tally.addressed)
        guard big > 0, resamples > 0 else { return nil }
        let key = ConsensusPhrase.key(tally, thresholds)
        let reported = ConsensusClass(tally, thresholds)
        // category order: support, neutral, oppose, not addressed
        let counts = [tally.support, tally.neutral, tally.oppose, big - tally.addressed]
        var generator = SplitMix64(seed: seed)
        var samePhrase = 0
        var sameClass = 0
        var shares: [Double] = []
        shares.reserveCapacity(resamples)
        for _ in 0..<resamples {
            let drawn = generator.multinomial(big, counts)
            let resampled = ConsensusTally(
                participants: big, support: drawn[0], neutral: drawn[1], oppose: drawn[2])
            if ConsensusPhrase.key(resampled, thresholds) == key { samePhrase += 1 }
            if ConsensusClass(resampled, thresholds) == reported { sameClass += 1 }
            let addressed = drawn[0] + drawn[1] + drawn[2]
            if addressed > 0 { shares.append(Double(drawn[0]) / Double(addressed)) }
        }
        phraseStability = Double(samePhrase) / Double(resamples)
        classStability = Double(sameClass) / Double(resamples)
        self.resamples = resamples
        definedResamples = shares.count
        if shares.isEmpty {
            supportLow = nil
            supportHigh = nil
        } else {
            shares.sort()
            supportLow = Krippendorff.quantile(shares, 0.025)
            supportHigh = Krippendorff.quantile(shares, 0.975)
        }
    }

    /// The seed of one row: the FNV-1a 64 hash of the study's slug (or `--seed S` when given), mixed with the hash
    /// of the code key and the group (empty without `--by`) through one SplitMix64 step, so every proposition and
    /// group has its own stream and a run repeats exactly.
    public static func seed(study: String, code: String, group: String?, base: UInt64? = nil) -> UInt64 {
        var generator = SplitMix64(
            seed: (base ?? fnv1a(Array(study.utf8))) ^ fnv1a(Array(code.utf8) + [0] + Array((group ?? "").utf8)))
        return generator.next()
    }

    /// FNV-1a, 64 bits (offset basis 0xcbf29ce484222325, prime 0x100000001b3).
    static func fnv1a(_ bytes: [UInt8]) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
        return hash
    }
}

extension SplitMix64 {
    /// A uniform double in [0, 1) from the top 53 bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Counts of `trials` draws over categories with these weights (a multinomial with probabilities
    /// weight / Σ weight), as successive binomials: each category's count given the trials left.
    mutating func multinomial(_ trials: Int, _ weights: [Int]) -> [Int] {
        var result = [Int](repeating: 0, count: weights.count)
        var left = trials
        var rest = weights.reduce(0, +)
        for index in weights.indices {
            guard left > 0, rest > 0 else { break }
            if index == weights.count - 1 || weights[index] == rest {
                result[index] = left
                break
            }
            let drawn = binomial(left, Double(weights[index]) / Double(rest))
            result[index] = drawn
            left -= drawn
            rest -= weights[index]
        }
        return result
    }

    /// A binomial(n, p) draw by inversion, walking outward from the mode (alternately down and up), so the
    /// expected number of steps grows with the standard deviation √(np(1 − p)), not with n.
    mutating func binomial(_ n: Int, _ p: Double) -> Int {
        if n == 0 || p <= 0 { return 0 }
        if p >= 1 { return n }
        if p > 0.5 { return n - binomial(n, 1 - p) }
        let q = 1 - p
        let mode = min(n, Int((Double(n + 1) * p).rounded(.down)))
        let logMode =
            lgamma(Double(n + 1)) - lgamma(Double(mode + 1)) - lgamma(Double(n - mode + 1)) + Double(mode) * log(p)
            + Double(n - mode) * log1p(-p)
        let atMode = exp(logMode)
        var u = unit() - atMode
        if u < 0 { return mode }
        var (low, high) = (mode, mode)
        var (lowMass, highMass) = (atMode, atMode)
        let odds = p / q
        while low > 0 || high < n {
            if low > 0 {
                lowMass *= Double(low) / Double(n - low + 1) / odds
                low -= 1
                u -= lowMass
                if u < 0 { return low }
            }
            if high < n {
                highMass *= Double(n - high) / Double(high + 1) * odds
                high += 1
                u -= highMass
                if u < 0 { return high }
            }
        }
        return mode  // the rounding error of the masses: at most a few ulps of probability
    }
}
