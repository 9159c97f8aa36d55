import Testing

@testable import ViewpointsCore

@Suite struct KrippendorffBootstrapTests {
    @Test(arguments: MeasurementLevel.allCases)
    func sameSeedGivesTheSameIntervalAndOtherSeedsDiffer(_ level: MeasurementLevel) throws {
        let data = try GeneratedReliabilityData.random(units: 60, coders: 3, categories: 5, missing: 0.2, seed: 501)
            .data(level: level)
        let first = Krippendorff.bootstrap(data, level: level, samples: 300, seed: 2024)
        let again = Krippendorff.bootstrap(data, level: level, samples: 300, seed: 2024)
        let other = Krippendorff.bootstrap(data, level: level, samples: 300, seed: 2025)
        let interval = try #require(first.ci)
        #expect(first == again)
        #expect(first.ci != other.ci)
        #expect(first.state == Krippendorff.alpha(data, level: level).state)
        #expect(interval.low <= interval.high && interval.level == 0.95)
        #expect(first.resamples == ReliabilityResult.Resamples(drawn: 300, defined: 300))
    }

    /// Three units of two coders, one of them disagreeing: a resample of only the agreeing units (each of the
    /// same value) has no variation, so α is undefined in it; the count says so.
    @Test func countsTheResamplesWithDefinedAlpha() throws {
        let data = try ReliabilityData([
            ("u1", "A", "1"), ("u1", "B", "1"), ("u2", "A", "1"), ("u2", "B", "2"), ("u3", "A", "2"), ("u3", "B", "2"),
        ])
        let result = Krippendorff.bootstrap(data, level: .nominal, samples: 2000, seed: 9)
        let resamples = try #require(result.resamples)
        #expect(resamples.drawn == 2000 && !resamples.isAdequate)
        // Undefined exactly when every drawn unit is u1 or every one is u3: 2 × (1/3)³ = 2/27 ≈ 7.4%.
        let undefinedShare = Double(resamples.drawn - resamples.defined) / Double(resamples.drawn)
        #expect(abs(undefinedShare - 2.0 / 27.0) < 0.02, "\(resamples)")
        #expect(result.ci != nil)
    }

    @Test(arguments: [(1000, 950, true), (1000, 949, false), (20, 19, true), (20, 18, false), (7, 7, true)])
    func ninetyFivePercentDefinedIsAdequate(_ drawn: Int, _ defined: Int, _ adequate: Bool) {
        #expect(ReliabilityResult.Resamples(drawn: drawn, defined: defined).isAdequate == adequate)
    }

    @Test(arguments: MeasurementLevel.allCases)
    func profileEvaluationWithObservedMultiplicitiesEqualsAlpha(_ level: MeasurementLevel) throws {
        let data = try GeneratedReliabilityData.random(units: 80, coders: 4, categories: 6, missing: 0.3, seed: 502)
            .data(level: level)
        guard case .success(let scale) = AlphaScale.make(data, level: level) else {
            Issue.record("scale")
            return
        }
        let profiles = UnitProfiles(data, scale: scale)
        let evaluated = Krippendorff.evaluate(profiles, weights: profiles.multiplicities, scale: scale, fixed: nil)
        guard case .defined(let fromProfiles) = evaluated.state,
            let direct = Krippendorff.alpha(data, level: level).value
        else {
            Issue.record("undefined")
            return
        }
        #expect(abs(fromProfiles - direct) < 1e-12)
        #expect(profiles.count < profiles.profileOfUnit.count)
    }

    @Test func undefinedAlphaHasNoInterval() throws {
        let data = try ReliabilityData([("u1", "A", "x"), ("u1", "B", "x"), ("u2", "A", "x"), ("u2", "C", "x")])
        let result = Krippendorff.bootstrap(data, level: .nominal, samples: 100, seed: 1)
        #expect(result.value == nil && result.ci == nil && result.resamples == nil)
        let some = try GeneratedReliabilityData.random(units: 10, coders: 2, categories: 2, missing: 0, seed: 3).data()
        let none = Krippendorff.bootstrap(some, level: .nominal, samples: 0, seed: 1)
        #expect(none.ci == nil && none.resamples == nil)
    }

    @Test(arguments: [MeasurementLevel.nominal, .interval])
    func intervalCoversPopulationAlphaAboutNinetyFivePercentOfTheTime(_ level: MeasurementLevel) throws {
        // Coders report the truth with probability 0.8, else a uniform category: population α = 0.8² = 0.64.
        let populationAlpha = 0.64
        var generator = SplitMix64(seed: 777)
        let simulations = 200
        var covered = 0
        for simulation in 0..<simulations {
            let generated = GeneratedReliabilityData.noisyCoders(
                units: 100, coders: 3, categories: 4, accuracy: 0.8, generator: &generator
            )
            let result = Krippendorff.bootstrap(
                try generated.data(level: level), level: level, samples: 200, seed: UInt64(simulation)
            )
            let interval = try #require(result.ci)
            if interval.low <= populationAlpha && populationAlpha <= interval.high { covered += 1 }
        }
        let coverage = Double(covered) / Double(simulations)
        #expect(coverage >= 0.88 && coverage <= 0.99, "coverage \(coverage)")
    }
}
