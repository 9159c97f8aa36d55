import Testing
import ViewpointsCore

@Suite struct CohenKappaTests {
    static let seeds: [UInt64] = [101, 102, 103, 104, 105, 106]

    /// Ranks of the numeric labels used in `pairs`, as R irr and scikit-learn place them.
    private func observedRanks(_ pairs: [(String, String)]) -> [String: Double] {
        let numbers = Set(pairs.flatMap { [Double($0.0)!, Double($0.1)!] }).sorted()
        var ranks: [String: Double] = [:]
        for (a, b) in pairs {
            ranks[a] = Double(numbers.firstIndex(of: Double(a)!)!)
            ranks[b] = Double(numbers.firstIndex(of: Double(b)!)!)
        }
        return ranks
    }

    @Test(arguments: seeds, Cohen.Weights.allCases)
    func matchesContingencyTableFormula(_ seed: UInt64, _ weights: Cohen.Weights) throws {
        let generated = GeneratedReliabilityData.random(units: 30, coders: 3, categories: 5, missing: 0.2, seed: seed)
        let data = try generated.data(level: .interval)
        let pairs = ReliabilityReferenceFormulas.pairs(generated.matrix, 0, 2)
        let numeric = Dictionary(uniqueKeysWithValues: (1...5).map { (String($0), Double($0)) })
        for positions in Cohen.Positions.allCases {
            let result = Cohen.kappa(data, coders: ("c0", "c2"), weights: weights, positions: positions)
            let reference = ReliabilityReferenceFormulas.cohen(
                pairs, weights: weights, positions: positions == .numeric ? numeric : observedRanks(pairs)
            )
            // κ is unchanged by rescaling the weights, so agreement weights over the used span match.
            #expect(result.units == pairs.count && result.coders == 2 && result.pairableValues == 2 * pairs.count)
            if let reference {
                let value = try #require(result.value)
                #expect(abs(value - reference) < 1e-9, "seed \(seed) \(weights) \(positions)")
            } else {
                #expect(result.value == nil)
            }
        }
    }

    @Test func moreThanTwoCodersIsNotApplicableUnlessAPairIsChosen() throws {
        let data = try GeneratedReliabilityData.random(units: 10, coders: 3, categories: 2, missing: 0, seed: 7).data()
        let result = Cohen.kappa(data)
        #expect(!result.isApplicable)
        #expect(result.reason == "Cohen's κ needs exactly two coders; the data have 3 (choose two)")
        #expect(Cohen.kappa(data, coders: ("c0", "c1")).isApplicable)
        #expect(!Cohen.kappa(data, coders: ("c0", "c0")).isApplicable)
        #expect(Cohen.kappa(data, coders: ("c0", "nobody")).reason == "coder 'nobody' has no values in the data")
    }

    @Test func swappingTheCodersChangesNothing() throws {
        let data = try GeneratedReliabilityData.random(units: 25, coders: 2, categories: 4, missing: 0.1, seed: 8)
            .data(level: .ordinal)
        for weights in Cohen.Weights.allCases {
            let forward = try #require(Cohen.kappa(data, coders: ("c0", "c1"), weights: weights).value)
            let backward = try #require(Cohen.kappa(data, coders: ("c1", "c0"), weights: weights).value)
            #expect(abs(forward - backward) < 1e-12)
        }
    }

    @Test func unusedMiddlePointCountsOnlyWithNumericPositions() throws {
        // Values 1, 2 and 4 are used, 3 is not: numeric positions keep the gap, observed ranks close it.
        let pairs = [("1", "1"), ("2", "2"), ("4", "4"), ("1", "2"), ("2", "4"), ("4", "1"), ("2", "2")]
        let rows = pairs.enumerated().flatMap { unit, pair in
            [(unit: "u\(unit)", coder: "A", value: pair.0), (unit: "u\(unit)", coder: "B", value: pair.1)]
        }
        let data = try ReliabilityData(rows, level: .ordinal)
        let numeric = try #require(Cohen.kappa(data, weights: .quadratic, positions: .numeric).value)
        let observed = try #require(Cohen.kappa(data, weights: .quadratic, positions: .observed).value)
        let byValue = try #require(
            ReliabilityReferenceFormulas.cohen(
                pairs, weights: .quadratic, positions: ["1": 1, "2": 2, "4": 4]
            ))
        let byRank = try #require(
            ReliabilityReferenceFormulas.cohen(
                pairs, weights: .quadratic, positions: ["1": 0, "2": 1, "4": 2]
            ))
        #expect(abs(numeric - byValue) < 1e-12)
        #expect(abs(observed - byRank) < 1e-12)
        #expect(abs(numeric - observed) > 1e-3)
    }

    @Test func weightedKappaIsNotApplicableToLabels() throws {
        let data = try ReliabilityData([("u1", "A", "yes"), ("u1", "B", "no")])
        #expect(!Cohen.kappa(data, weights: .linear).isApplicable)
        #expect(Cohen.kappa(data).isApplicable)
    }

    @Test func oneSharedCategoryIsUndefinedAndNoSharedUnitIsUndefined() throws {
        let same = try ReliabilityData([("u1", "A", "x"), ("u1", "B", "x"), ("u2", "A", "x"), ("u2", "B", "x")])
        #expect(Cohen.kappa(same).reason == "all pairable values are equal (expected disagreement is 0)")
        let apart = try ReliabilityData([("u1", "A", "x"), ("u2", "B", "y")])
        #expect(Cohen.kappa(apart).reason == "no unit was coded by both coders")
        #expect(Cohen.kappa(apart).units == 0)
    }
}

@Suite struct ScottPiTests {
    @Test(arguments: [UInt64(201), 202, 203, 204, 205])
    func matchesPooledProportionFormula(_ seed: UInt64) throws {
        let generated = GeneratedReliabilityData.random(units: 40, coders: 2, categories: 4, missing: 0.15, seed: seed)
        let result = Scott.pi(try generated.data())
        let reference = ReliabilityReferenceFormulas.scott(ReliabilityReferenceFormulas.pairs(generated.matrix, 0, 1))
        let value = try #require(result.value)
        let expected = try #require(reference)
        #expect(abs(value - expected) < 1e-9)
    }

    @Test func relabelingAndOneCategory() throws {
        let generated = GeneratedReliabilityData.random(units: 40, coders: 2, categories: 3, missing: 0, seed: 9)
        let before = try #require(Scott.pi(try generated.data()).value)
        let after = try #require(Scott.pi(try generated.relabeled { "z\($0)" }.data()).value)
        #expect(abs(before - after) < 1e-12)
        let single = try ReliabilityData([("u1", "A", "x"), ("u1", "B", "x")])
        #expect(Scott.pi(single).value == nil && Scott.pi(single).isApplicable)
    }
}
