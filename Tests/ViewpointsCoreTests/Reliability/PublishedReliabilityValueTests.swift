import Testing

@testable import ViewpointsCore

/// One published figure and how this module computes it.
struct PublishedCheck: Sendable, CustomTestStringConvertible {
    let dataSet: String
    let statistic: String
    let subset: [String]?
    let level: MeasurementLevel
    let compute: @Sendable (ReliabilityData) -> Double?

    init(
        _ dataSet: String, _ statistic: String, subset: [String]? = nil, level: MeasurementLevel = .nominal,
        compute: @escaping @Sendable (ReliabilityData) -> Double?
    ) {
        self.dataSet = dataSet
        self.statistic = statistic
        self.subset = subset
        self.level = level
        self.compute = compute
    }

    var testDescription: String {
        "\(dataSet) \(statistic)" + (subset.map { " [\($0.joined(separator: ","))]" } ?? "")
    }
}

/// Share of units on which all values lie within `tolerance` (R irr `agree`); a test-local definition
/// used only to confirm the transcription of `irr_video_20x4`, not a statistic of the module.
private func unanimousShare(_ data: ReliabilityData, tolerance: Double) -> Double? {
    guard let numbers = data.categoryNumbers, !data.units.isEmpty else { return nil }
    var unanimous = 0
    for unit in 0..<data.units.count {
        let values = data.unitOffsets[unit]..<data.unitOffsets[unit + 1]
        let points = values.map { numbers[Int(data.valueCategories[$0])] }
        if let low = points.min(), let high = points.max(), high - low <= tolerance { unanimous += 1 }
    }
    return Double(unanimous) / Double(data.units.count)
}

private let kripp2011 = "krippendorff2011_4coders_12units"
private let fleiss1971 = "fleiss1971_diagnoses_30x6"
private let anxiety = "irr_anxiety_20x3"

/// Every published figure this module computes, with the call that computes it.
let publishedChecks: [PublishedCheck] = [
    PublishedCheck(kripp2011, "alpha_nominal") { Krippendorff.alpha($0, level: .nominal).value },
    PublishedCheck(kripp2011, "alpha_ordinal", level: .ordinal) { Krippendorff.alpha($0, level: .ordinal).value },
    PublishedCheck(kripp2011, "alpha_interval", level: .interval) { Krippendorff.alpha($0, level: .interval).value },
    PublishedCheck(kripp2011, "alpha_ratio", level: .ratio) { Krippendorff.alpha($0, level: .ratio).value },
    PublishedCheck("krippendorff2011_binary_2coders_10units", "alpha_nominal") {
        Krippendorff.alpha($0, level: .nominal).value
    },
    PublishedCheck("wikipedia_krippendorff_3coders_15units", "alpha_nominal") {
        Krippendorff.alpha($0, level: .nominal).value
    },
    PublishedCheck("wikipedia_krippendorff_3coders_15units", "alpha_interval", level: .interval) {
        Krippendorff.alpha($0, level: .interval).value
    },
    PublishedCheck(fleiss1971, "fleiss_kappa") { Fleiss.kappa($0).value },
    PublishedCheck(fleiss1971, "fleiss_kappa", subset: ["rater1", "rater2", "rater3"]) { Fleiss.kappa($0).value },
    PublishedCheck(fleiss1971, "cohen_kappa", subset: ["rater2", "rater3"]) { Cohen.kappa($0).value },
    PublishedCheck(anxiety, "cohen_kappa_quadratic", subset: ["rater1", "rater2"], level: .interval) {
        Cohen.kappa($0, weights: .quadratic, positions: .observed).value
    },
    PublishedCheck(anxiety, "cohen_kappa", subset: ["rater2", "rater3"]) { Cohen.kappa($0).value },
    PublishedCheck(anxiety, "cohen_kappa_linear", subset: ["rater2", "rater3"], level: .interval) {
        Cohen.kappa($0, weights: .linear, positions: .observed).value
    },
    PublishedCheck(anxiety, "cohen_kappa_quadratic", subset: ["rater2", "rater3"], level: .interval) {
        Cohen.kappa($0, weights: .quadratic, positions: .observed).value
    },
    PublishedCheck("irr_video_20x4", "percent_agreement_unanimous", level: .interval) {
        unanimousShare($0, tolerance: 0)
    },
    PublishedCheck("irr_video_20x4", "percent_agreement_unanimous_tolerance1", level: .interval) {
        unanimousShare($0, tolerance: 1)
    },
    PublishedCheck("sas_statsmodels_table10_3cat_19", "cohen_kappa") { Cohen.kappa($0).value },
    PublishedCheck("sas_statsmodels_table10_3cat_19", "cohen_kappa_linear", level: .ordinal) {
        Cohen.kappa($0, weights: .linear, positions: .numeric).value
    },
    PublishedCheck("wikipedia_cohen_2x50", "cohen_kappa") { Cohen.kappa($0).value },
    PublishedCheck("wikipedia_cohen_2x50", "percent_agreement_pairwise") { PercentAgreement.compute($0).value },
    PublishedCheck("wikipedia_fleiss_10x14", "fleiss_kappa") { Fleiss.kappa($0).value },
    PublishedCheck("wikipedia_fleiss_10x14", "percent_agreement_pairwise") { PercentAgreement.compute($0).value },
    PublishedCheck("wikipedia_fleiss_10x14", "fleiss_expected_agreement") {
        guard case .success(let parts) = Fleiss.components($0) else { return nil }
        return parts.expected
    },
    PublishedCheck("wikipedia_scott_pi_2x45", "scott_joint_proportion_yes") { Scott.jointProportions($0)["Yes"] },
    PublishedCheck("wikipedia_scott_pi_2x45", "scott_joint_proportion_no") { Scott.jointProportions($0)["No"] },
    PublishedCheck("wikipedia_scott_pi_2x45", "percent_agreement_pairwise") { PercentAgreement.compute($0).value },
]

/// Published figures of statistics this module does not compute, and why.
let publishedExclusions: [String: String] = [
    "icc_agreement_single": "intraclass correlation is outside the reliability module",
    "fleiss_kappa_conger_exact": "Conger's exact κ is not implemented; Fleiss' κ is",
    "fleiss_kappa_z": "no significance tests: intervals come from the bootstrap of α",
    "fleiss_kappa_per_category": "category-wise κ is not implemented",
]

@Suite struct PublishedReliabilityValueTests {
    @Test(arguments: publishedChecks)
    func computedValueRoundsToEveryPublishedFigure(_ check: PublishedCheck) throws {
        let set = try ReliabilityReferenceSet.load(check.dataSet)
        let figures = set.figures(check.statistic, subset: check.subset)
        try #require(!figures.isEmpty, "\(check.testDescription) is not in published.json")
        let data = try set.data(coders: check.subset, level: check.level)
        let value = try #require(check.compute(data), "\(check.testDescription) is not defined")
        for figure in figures {
            #expect(value.rounds(to: figure.value, decimals: figure.decimals), "\(value) vs \(figure)")
        }
    }

    @Test func everyPublishedFigureIsCheckedOrExcludedWithAReason() throws {
        let ids = try ReliabilityReferenceSet.allIDs()
        #expect(ids.count >= 10)
        for id in ids {
            for figure in try ReliabilityReferenceSet.load(id).figures {
                let checked = publishedChecks.contains {
                    $0.dataSet == id && $0.statistic == figure.statistic && $0.subset == figure.subset
                }
                #expect(checked || publishedExclusions[figure.statistic] != nil, "\(id): \(figure) is not checked")
            }
        }
    }

    @Test func missingReferenceFolderFailsWithAClearMessage() {
        let fake = "/nonexistent/repo/Tests/ViewpointsCoreTests/Reliability/X.swift"
        #expect {
            try ReliabilityReferenceSet.folder(filePath: fake)
        } throws: { error in
            String(describing: error).contains("/nonexistent/repo/Tests/Fixtures/reliability")
        }
    }

    @Test func fullScaleWeightingDiffersFromIrrOnAnxiety() throws {
        // Raters 2 and 3 never use 5, so rank 4 (observed) and value 6 (numeric) place 6 differently.
        let data = try ReliabilityReferenceSet.load(anxiety).data(coders: ["rater2", "rater3"], level: .interval)
        let observed = try #require(Cohen.kappa(data, weights: .linear, positions: .observed).value)
        let numeric = try #require(Cohen.kappa(data, weights: .linear, positions: .numeric).value)
        #expect(observed.rounds(to: 0.1459075, decimals: 7))
        #expect(abs(observed - numeric) > 1e-3)
    }

    @Test func fleissKappaIsNotApplicableWhenAUnitLacksAValue() throws {
        let set = try ReliabilityReferenceSet.load(fleiss1971)
        let rows = set.triples.filter { !($0.unit == "1" && $0.coder == "rater6") }
        let data = try ReliabilityData(rows.map { (unit: $0.unit, coder: $0.coder, value: $0.value) })
        let result = Fleiss.kappa(data)
        #expect(!result.isApplicable)
        #expect(result.reason?.contains("same number of values") == true)
    }

    @Test func krippendorffExampleCountsOnlyPairableUnits() throws {
        let data = try ReliabilityReferenceSet.load(kripp2011).data(level: .interval)
        let result = Krippendorff.alpha(data, level: .nominal)
        #expect(result.units == 11)
        #expect(result.pairableValues == 40)
        #expect(result.coders == 4)
    }
}
