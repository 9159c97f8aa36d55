/// One row of `viewpoints consensus`: a proposition or a theme, for the whole population or one group.
public struct ConsensusRow: Sendable, Equatable {
    /// The proposition's or theme's key.
    public var code: String
    public var label: String
    /// The theme's key (a theme row names itself).
    public var theme: String
    /// Whether this is a theme row, which carries counts only.
    public var isTheme: Bool
    /// With `--by`: the attribute and this row's group (`(missing)` for participants without it).
    public var attribute: String?
    public var group: String?
    public var suppression: Suppression
    /// The counts; a theme row's `stances` put everyone who addressed it under neutral and are not shown.
    public var tally: ConsensusTally
    /// Share of the study's statements reviewed by anyone (nil when the study has none).
    public var coverage: Double?
    public var thresholds: ConsensusThresholds
    /// With `--robustness`: fragility, resampling and coder sensitivity (nil for themes and suppressed rows).
    public var robustness: ConsensusRobustness?

    public init(
        code: String, label: String, theme: String, isTheme: Bool, attribute: String? = nil, group: String? = nil,
        suppression: Suppression = .shown, tally: ConsensusTally, coverage: Double?,
        thresholds: ConsensusThresholds = .init()
    ) {
        self.code = code
        self.label = label
        self.theme = theme
        self.isTheme = isTheme
        self.attribute = attribute
        self.group = group
        self.suppression = suppression
        self.tally = tally
        self.coverage = coverage
        self.thresholds = thresholds
    }

    /// The class, nil for themes and suppressed rows.
    public var consensusClass: ConsensusClass? { showsFigures ? ConsensusClass(tally, thresholds) : nil }
    /// The phrase, nil for themes and suppressed rows.
    public var phrase: String? { showsFigures ? ConsensusPhrase.text(tally, thresholds) : nil }

    var showsFigures: Bool { !isTheme && !suppression.isSuppressed }

    // MARK: - Columns

    /// The documented columns, in order; `attribute`, `group` and `suppressed` only with `--by`, the robustness
    /// columns only with `--robustness`.
    public static func columns(byAttribute: Bool, robustness: Bool = false) -> [String] {
        ["code", "label", "theme"] + (byAttribute ? ["attribute", "group", "suppressed"] : []) + [
            "participants", "addressed", "support", "neutral", "oppose", "participants_unresolved", "coverage",
            "share_support", "share_oppose", "wilson_low", "wilson_high", "cns", "consensus", "phrase",
        ] + (robustness ? robustnessColumns : [])
    }

    /// What `--robustness` adds (METHODS.md, "Robustness of findings").
    public static let robustnessColumns = [
        "fragility_phrase", "fragility_class", "stability_phrase", "stability_class", "support_low", "support_high",
        "coders_agree", "dissenting_coder",
    ]

    /// Typed values of `columns(byAttribute:robustness:)`; nil where a number is undefined or withheld.
    public func values(byAttribute: Bool, robustness: Bool = false) -> [ConsensusValue?] {
        let shown = !suppression.isSuppressed
        func count(_ value: Int) -> ConsensusValue? { shown ? .integer(value) : nil }
        func figure(_ value: Double?) -> ConsensusValue? { showsFigures ? value.map(ConsensusValue.number) : nil }
        func tallyCount(_ value: Int) -> ConsensusValue? { isTheme ? nil : count(value) }
        let wilson = tally.wilson
        var result: [ConsensusValue?] = [.text(code), .text(label), .text(theme)]
        if byAttribute {
            result += [
                attribute.map(ConsensusValue.text), group.map(ConsensusValue.text),
                .boolean(suppression.isSuppressed),
            ]
        }
        result += [
            count(tally.participants), count(tally.addressed), tallyCount(tally.support), tallyCount(tally.neutral),
            tallyCount(tally.oppose), count(tally.participantsUnresolved), coverage.map(ConsensusValue.number),
            figure(tally.shareSupport), figure(tally.shareOppose), figure(wilson?.low), figure(wilson?.high),
            figure(tally.cns), consensusClass.map { .text($0.rawValue) }, phrase.map(ConsensusValue.text),
        ]
        if robustness { result += robustnessValues }
        return result
    }

    /// The cells of `robustnessColumns`: empty for themes, suppressed rows and what was not computed.
    var robustnessValues: [ConsensusValue?] {
        guard showsFigures, let robustness = self.robustness else {
            return Array(repeating: nil, count: ConsensusRow.robustnessColumns.count)
        }
        let bootstrap = robustness.bootstrap
        let dissenting = robustness.dissentingCoders
        return [
            robustness.fragilityPhrase.map(ConsensusValue.integer),
            robustness.fragilityClass.map(ConsensusValue.integer),
            bootstrap.map { .number($0.phraseStability) }, bootstrap.map { .number($0.classStability) },
            bootstrap?.supportLow.map(ConsensusValue.number), bootstrap?.supportHigh.map(ConsensusValue.number),
            robustness.codersAgree.map(ConsensusValue.boolean),
            dissenting.isEmpty ? nil : .text(dissenting.joined(separator: "; ")),
        ]
    }

    /// The CSV fields: numbers at full precision (the shortest text that reads back as the same double), empty
    /// cells for undefined or withheld numbers.
    public func fields(byAttribute: Bool, robustness: Bool = false) -> [String] {
        values(byAttribute: byAttribute, robustness: robustness).map { $0?.exact ?? "" }
    }

    /// The fields as a terminal table shows them: shares rounded to 6 decimals.
    public func tableFields(byAttribute: Bool, robustness: Bool = false) -> [String] {
        values(byAttribute: byAttribute, robustness: robustness).map { $0?.text ?? "" }
    }
}

/// A cell of a consensus row, typed for JSON.
public enum ConsensusValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case number(Double)
    case boolean(Bool)

    /// As files (CSV, JSON) write it: numbers at full precision, see `shortest(_:)`.
    public var exact: String {
        if case .number(let value) = self { return ConsensusValue.shortest(value) }
        return text
    }

    /// The shortest text that reads back as the same double (`0.78`, `0.6666666666666666`); whole numbers
    /// without a decimal point.
    public static func shortest(_ value: Double) -> String {
        if value.isFinite, value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return "\(value)"
    }

    /// As the terminal table writes it: shares to 6 decimals (trailing zeros kept, so columns align).
    public var text: String {
        switch self {
        case .text(let value): value
        case .integer(let value): String(value)
        case .number(let value): ConsensusValue.format(value)
        case .boolean(let value): value ? "true" : "false"
        }
    }

    /// A share to 6 decimals, e.g. `0.780000`; rounded half away from zero on the decimal digits.
    public static func format(_ value: Double) -> String {
        let scaled = (value * 1_000_000).rounded(.toNearestOrAwayFromZero)
        let whole = Int(scaled)
        let sign = whole < 0 ? "-" : ""
        let magnitude = abs(whole)
        let fraction = String(magnitude % 1_000_000)
        return "\(sign)\(magnitude / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
    }
}
