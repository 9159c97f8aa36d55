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

    /// `pseudonym, statements, codings, reviews, adjudications, by, lead, at`.
    init(_ row: Row) throws(StoreError) {
        (pseudonym, statements, codings, reviews, adjudications, withdrawnBy, lead, withdrawnAt) = try row.decode(
            (String, Int, Int, Int, Int, String, String, String).self)
    }

    init(pseudonym: String, counts row: Row) throws(StoreError) {
        self.pseudonym = pseudonym
        (statements, codings, reviews, adjudications) = try row.decode((Int, Int, Int, Int).self)
        (withdrawnBy, lead, withdrawnAt) = ("", "", "")
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
        ).one()
        return try Withdrawal(pseudonym: pseudonym, counts: row)
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
            return try Withdrawal(row)
        }
    }

    /// The study's withdrawals in pseudonym order.
    public func withdrawals(study: Study) throws(StoreError) -> [Withdrawal] {
        try connection.query(WithdrawalQueries.all, [study.id], doing: "reading withdrawals").map(Withdrawal.init)
    }

    func withdrawnIdentities(study: Study) throws(StoreError) -> [WithdrawnIdentity] {
        try connection.query(WithdrawalQueries.identities, [study.id], doing: "reading withdrawals").decode(
            (String, String, Int, String).self
        ).map {
            WithdrawnIdentity(digestHex: $0.0, pseudonym: $0.1, number: $0.2, date: $0.3)
        }
    }

    func requireWithdrawable(study: Study, pseudonym: String) throws(StoreError) {
        if let row = try connection.query(
            WithdrawalQueries.byPseudonym, [study.id, pseudonym], doing: "looking up \(pseudonym)"
        ).rows.first {
            let done = try Withdrawal(row)
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
            reason: .noSuchParticipant)
    }
}
