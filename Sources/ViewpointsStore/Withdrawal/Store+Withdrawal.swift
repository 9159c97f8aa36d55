import ViewpointsCore

/// A recorded consent withdrawal: what went, who did it and when.
public struct Withdrawal: Sendable, Equatable {
    public var pseudonym: String
    public var statements: Int
    public var codings: Int
    public var reviews: Int
    public var adjudications: Int
    /// The database user who ran it.
    public var withdrawnBy: String
    /// The lead named with `--coder`, or empty.
    public var lead: String
    /// UTC, ISO 8601.
    public var withdrawnAt: String

    init(_ row: [String?]) {
        pseudonym = row[0]!
        statements = Int(row[1]!)!
        codings = Int(row[2]!)!
        reviews = Int(row[3]!)!
        adjudications = Int(row[4]!)!
        withdrawnBy = row[5]!
        lead = row[6]!
        withdrawnAt = row[7]!
    }
}

/// A withdrawn participant as the importers need it.
struct WithdrawnIdentity {
    var digestHex: String
    var pseudonym: String
    var number: Int
    var date: String
}

extension Store {
    /// What withdrawing `pseudonym` would delete (as a `Withdrawal` with empty who and when), or a not-found error.
    public func withdrawalPreview(study: Study, pseudonym: String) throws(StoreError) -> Withdrawal {
        try requireWithdrawable(study: study, pseudonym: pseudonym)
        let row = try connection.query(
            WithdrawalQueries.preview, [study.id, pseudonym], doing: "counting \(pseudonym)'s data"
        ).rows[0]
        return Withdrawal([pseudonym] + row + ["", "", ""])
    }

    /// Withdraws a participant's consent in one transaction: deletes their statements and the reviews, codings and
    /// adjudications on them, and their participant row; keeps the audit trail; records the withdrawal.
    public func withdrawParticipant(study: Study, pseudonym: String, lead: String?) throws(StoreError) -> Withdrawal {
        if let lead { _ = try coder(named: lead, study: study) }
        return try connection.transaction(doing: "withdrawing \(pseudonym)") { () throws(StoreError) in
            try requireWithdrawable(study: study, pseudonym: pseudonym)
            let rows = try connection.query(
                WithdrawalQueries.withdraw, [study.id, pseudonym, lead], doing: "withdrawing \(pseudonym)"
            ).rows
            guard let row = rows.first else { throw notAParticipant(study: study, pseudonym: pseudonym) }
            return Withdrawal(row)
        }
    }

    /// The study's withdrawals in pseudonym order.
    public func withdrawals(study: Study) throws(StoreError) -> [Withdrawal] {
        try connection.query(WithdrawalQueries.all, [study.id], doing: "reading withdrawals").rows.map(Withdrawal.init)
    }

    func withdrawnIdentities(study: Study) throws(StoreError) -> [WithdrawnIdentity] {
        try connection.query(WithdrawalQueries.identities, [study.id], doing: "reading withdrawals").rows.map {
            WithdrawnIdentity(digestHex: $0[0]!, pseudonym: $0[1]!, number: Int($0[2]!)!, date: $0[3]!)
        }
    }

    func requireWithdrawable(study: Study, pseudonym: String) throws(StoreError) {
        if let done = try connection.query(
            WithdrawalQueries.byPseudonym, [study.id, pseudonym], doing: "looking up \(pseudonym)"
        ).rows.first.map(Withdrawal.init) {
            throw StoreError(
                .data,
                "\(pseudonym) already withdrew from study \(study.slug) (\(done.withdrawnAt), by \(done.withdrawnBy))",
                hint: "nothing of theirs is left to delete")
        }
        let known = try storedParticipants(study: study)
        guard known.contains(where: { $0.pseudonym == pseudonym }) else {
            throw notAParticipant(study: study, pseudonym: pseudonym)
        }
    }

    func notAParticipant(study: Study, pseudonym: String) -> StoreError {
        StoreError(
            .notFound, "\(pseudonym) is not a participant of study \(study.slug)",
            hint: "give the pseudonym as `viewpoints export participants` shows it, e.g. P07")
    }
}
