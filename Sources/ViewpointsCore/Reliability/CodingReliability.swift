/// Forms reliability units from coders' decisions and computes presence and stance figures per proposition or
/// theme and pooled (METHODS.md, "Units from the coding store").
///
/// A statement unit is a statement and proposition with decisions of at least two coders; a decision exists when
/// the coder's review of the statement covers the proposition. A participant unit is a participant and
/// proposition: each coder's value comes from that coder's decisions on the participant's statement units alone.
public struct CodingReliability: Sendable, Equatable {
    /// Statement or participant units.
    public var unit: ReliabilityUnit
    /// One group per proposition, or per theme.
    public var grouping: ReliabilityGrouping
    /// The coders compared, in order; decisions of other coders are ignored.
    public var coders: [String]

    /// Creates the computation.
    public init(unit: ReliabilityUnit = .statement, grouping: ReliabilityGrouping = .proposition, coders: [String]) {
        self.unit = unit
        self.grouping = grouping
        self.coders = coders
    }

    /// One coder's value in a unit: applied with a stance, or not applied (nil).
    struct Value: Sendable, Equatable {
        var coder: Int
        var stance: Int?
    }

    /// One unit: the values of the coders who decided it, in coder order.
    struct Unit: Sendable, Equatable {
        /// Statement reference, or participant pseudonym for participant units.
        var name: String
        var participant: String
        var theme: String
        var proposition: String
        var values: [Value]
    }

    /// The report over the decisions (in any order; groups follow the order propositions first appear).
    public func report(_ decisions: [CodingDecision]) -> CodingReliabilityReport {
        let statementUnits = statementUnits(decisions)
        let units = unit == .statement ? statementUnits : participantUnits(statementUnits)
        var groupKeys: [String] = []
        var members: [String: [Unit]] = [:]
        for unit in units {
            let key = grouping == .proposition ? unit.proposition : unit.theme
            if members[key] == nil { groupKeys.append(key) }
            members[key, default: []].append(unit)
        }
        let scope: ReliabilityGroup.Scope = grouping == .proposition ? .proposition : .theme
        var groups = groupKeys.map { group(scope: scope, key: $0, units: members[$0]!) }
        groups.append(group(scope: .all, key: "all", units: units))
        let statements = Set(statementUnits.map(\.name)).count
        return CodingReliabilityReport(unit: unit, coders: coders, statements: statements, groups: groups)
    }

    // MARK: - Units

    /// Statement and proposition pairs with at least two coders' decisions, in order of first appearance.
    func statementUnits(_ decisions: [CodingDecision]) -> [Unit] {
        var coderIndex: [String: Int] = [:]
        for (index, name) in coders.enumerated() where coderIndex[name] == nil { coderIndex[name] = index }
        var index = UnitIndex()
        for decision in decisions {
            guard let coder = coderIndex[decision.coder] else { continue }
            let slot = index.slot(decision.statement, decision.proposition) {
                Unit(
                    name: decision.statement, participant: decision.participant, theme: decision.theme,
                    proposition: decision.proposition, values: [])
            }.index
            guard !index.units[slot].values.contains(where: { $0.coder == coder }) else { continue }
            index.units[slot].values.append(Value(coder: coder, stance: decision.stance))
        }
        return index.units.filter { $0.values.count >= 2 }.map { unit in
            var unit = unit
            unit.values.sort { $0.coder < $1.coder }
            return unit
        }
    }

    /// Participant and proposition units: a coder's value is whether they applied the proposition to any of the
    /// participant's statement units and, if so, their participant stance (mean, rounded half away from zero).
    func participantUnits(_ statementUnits: [Unit]) -> [Unit] {
        var index = UnitIndex()
        // per unit and coder: whether the coder has a value, the sum and count of applied stances
        var tallies: [[(seen: Bool, sum: Int, count: Int)]] = []
        for statement in statementUnits {
            let (slot, isNew) = index.slot(statement.participant, statement.proposition) {
                Unit(
                    name: statement.participant, participant: statement.participant, theme: statement.theme,
                    proposition: statement.proposition, values: [])
            }
            if isNew { tallies.append(Array(repeating: (false, 0, 0), count: coders.count)) }
            for value in statement.values {
                tallies[slot][value.coder].seen = true
                if let stance = value.stance {
                    tallies[slot][value.coder].sum += stance
                    tallies[slot][value.coder].count += 1
                }
            }
        }
        var units = index.units
        for slot in units.indices {
            for (coder, tally) in tallies[slot].enumerated() where tally.seen {
                let stance = tally.count > 0 ? ParticipantStance.rounded(sum: tally.sum, count: tally.count) : nil
                units[slot].values.append(Value(coder: coder, stance: stance))
            }
        }
        return units.filter { $0.values.count >= 2 }
    }

    /// Units in order of first appearance, found by their name and proposition.
    struct UnitIndex {
        private var slots: [String: Int] = [:]
        var units: [Unit] = []

        /// The index of the unit of `name` and `proposition`, appending the one `make` builds the first time.
        mutating func slot(_ name: String, _ proposition: String, make: () -> Unit) -> (index: Int, isNew: Bool) {
            let key = name + "\u{1F}" + proposition
            if let existing = slots[key] { return (existing, false) }
            slots[key] = units.count
            units.append(make())
            return (units.count - 1, true)
        }
    }

    // MARK: - Figures

    /// Presence and stance figures over the units of one group.
    func group(scope: ReliabilityGroup.Scope, key: String, units: [Unit]) -> ReliabilityGroup {
        let pooled = scope != .proposition
        func name(_ unit: Unit) -> String { pooled ? unit.name + " " + unit.proposition : unit.name }
        var presence = ReliabilityData.Builder(minimumCapacity: units.count * 2)
        var stance = ReliabilityData.Builder()
        for unit in units {
            let unitName = name(unit)
            for value in unit.values {
                presence.add(unit: unitName, coder: coders[value.coder], value: value.stance == nil ? "0" : "1")
            }
            let applied = unit.values.filter { $0.stance != nil }
            guard applied.count >= 2 else { continue }
            for value in applied {
                stance.add(unit: unitName, coder: coders[value.coder], value: String(value.stance!))
            }
        }
        let presenceData = Self.build(presence, level: .nominal)
        let stanceData = Self.build(stance, level: .ordinal)
        let noUnits = "no statement was reviewed by two of the coders"
        let alpha = Krippendorff.alpha(presenceData, level: .nominal)
        var presenceFigures = [ReliabilityFigure(metric: .alpha, level: .nominal, weights: nil, result: alpha)]
        if coders.count == 2 {
            presenceFigures.append(
                ReliabilityFigure(
                    metric: .cohen, level: .nominal, weights: Cohen.Weights.none,
                    result: nonEmpty(presenceData, noUnits) { Cohen.kappa($0) }))
        } else {
            presenceFigures.append(
                ReliabilityFigure(
                    metric: .fleiss, level: .nominal, weights: nil,
                    result: nonEmpty(presenceData, noUnits) { Fleiss.kappa($0) }))
        }
        presenceFigures.append(
            ReliabilityFigure(
                metric: .percent, level: .nominal, weights: nil, result: PercentAgreement.compute(presenceData)))
        let noStance = "no unit where two coders applied it"
        let stanceFigures = [
            ReliabilityFigure(
                metric: .alpha, level: .ordinal, weights: nil,
                result: nonEmpty(stanceData, noStance) { Krippendorff.alpha($0, level: .ordinal) }),
            ReliabilityFigure(
                metric: .cohen, level: .ordinal, weights: .linear, result: weightedKappa(stanceData, noStance)),
        ]
        return ReliabilityGroup(
            scope: scope, key: key, presence: presenceFigures, stance: stanceFigures,
            status: ReliabilityStatus(alpha: alpha))
    }

    /// Linearly weighted κ on the stances when exactly two coders are compared.
    func weightedKappa(_ data: ReliabilityData, _ empty: String) -> ReliabilityResult {
        guard coders.count == 2 else {
            return ReliabilityResult(
                state: .notApplicable(
                    reason: "weighted κ needs exactly two coders; \(coders.count) are compared (choose two)"),
                units: 0, coders: 0, pairableValues: 0)
        }
        return nonEmpty(data, empty) { Cohen.kappa($0, weights: .linear, positions: .numeric) }
    }

    /// The coefficient, or undefined with a reason when there are no units at all.
    func nonEmpty(_ data: ReliabilityData, _ reason: String, _ body: (ReliabilityData) -> ReliabilityResult)
        -> ReliabilityResult
    {
        guard !data.units.isEmpty else {
            return ReliabilityResult(
                state: .undefined(reason: "no pairable values: \(reason)"), units: 0, coders: 0, pairableValues: 0)
        }
        return body(data)
    }

    /// Builds data whose values are 0/1 or stances: numbers, one per unit and coder, so building cannot fail.
    static func build(_ builder: ReliabilityData.Builder, level: MeasurementLevel) -> ReliabilityData {
        do {
            return try builder.build(level: level)
        } catch {
            preconditionFailure("reliability units have one numeric value per coder: \(error)")
        }
    }
}
