import ArgumentParser
import ViewpointsStore

extension Viewpoints.Audit {
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Recompute the hash chain of the study's coding events and replay them against the codings, reviews and "
                + "adjudications; recompute the final decisions and participant stances and compare the maintained "
                + "tables (owners and leads); exits 65 when anything was altered.")

        @OptionGroup var scope: StudyScope

        func run() throws {
            let audit = try scope.withStudy { store, study in
                try store.verifyAudit(study: study)
            }
            for item in audit.breaks { print("event \(item.seq): \(item.problem)") }
            for item in audit.withdrawalProblems { print("event \(item.seq): \(item.problem)") }
            for problem in audit.unexplained { print(problem) }
            for problem in audit.maintained { print(problem) }
            if !audit.headMatches || audit.headSeq != audit.lastSeq {
                print(
                    "chain head: recorded at event \(audit.headSeq), last event is \(audit.lastSeq) (events removed or altered)"
                )
            }
            if audit.intact {
                let withdrawals = audit.withdrawals == 0 ? "" : ", \(audit.withdrawals) withdrawals accounted for"
                print("audit trail intact: \(audit.events) events, head \(audit.headHash.prefix(16))\(withdrawals)")
            } else {
                warn("viewpoints: error: the audit trail was altered outside Viewpoints (see above)")
                throw ExitCode(65)
            }
        }
    }
}
