import ArgumentParser
import Foundation
import ViewpointsStore

extension Viewpoints.Participant {
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete a participant who withdrew consent, with their statements, codings and reviews.",
            discussion: """
                One transaction: the participant, their statements and the reviews, codings and adjudications on \
                them are deleted; the id-only audit trail stays and `audit verify` still passes; the withdrawal \
                (pseudonym, database user, --coder, time) is recorded and the pseudonym is never given again.
                """)

        @Argument(help: "The participant's pseudonym, e.g. P07.") var pseudonym: String
        @Option(help: ArgumentHelp("The lead recording the withdrawal (a coder of the study).", valueName: "name"))
        var coder: String?
        @Flag(help: "Do not ask for confirmation (required when not on a terminal).") var yes = false
        @OptionGroup var scope: StudyScope

        func run() throws {
            let (store, study) = try scope.withStudy { ($0, $1) }
            if !yes {
                let preview = try report { try store.withdrawalPreview(study: study, pseudonym: pseudonym) }
                guard isatty(0) == 1 else {
                    throw ValidationError("withdrawing \(pseudonym) deletes their data for good: add --yes to confirm")
                }
                FileHandle.standardError.write(
                    Data(
                        ("withdraw \(pseudonym) from \(study.slug): delete \(describe(preview))? "
                            + "type the pseudonym to confirm: ").utf8))
                guard readLine()?.trimmingCharacters(in: .whitespaces) == pseudonym else {
                    warn("viewpoints: nothing withdrawn")
                    throw ExitCode(1)
                }
            }
            let done = try report { try store.withdrawParticipant(study: study, pseudonym: pseudonym, lead: coder) }
            print(
                "withdrew \(done.pseudonym) from \(study.slug): deleted \(describe(done)); recorded \(done.withdrawnAt)"
            )
        }

        func describe(_ w: Withdrawal) -> String {
            "\(w.statements) statements, \(w.codings) codings, \(w.reviews) reviews, \(w.adjudications) adjudications"
        }
    }

    struct Withdrawals: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the study's recorded withdrawals.")

        @OptionGroup var options: StudyTableOptions

        func run() throws {
            let header = [
                "pseudonym", "withdrawn_at", "withdrawn_by", "lead", "statements", "codings", "reviews",
                "adjudications",
            ]
            try options.print(header, numeric: [4, 5, 6, 7]) {
                try $0.withdrawals(study: $1).map {
                    [
                        $0.pseudonym, $0.withdrawnAt, $0.withdrawnBy, $0.lead, String($0.statements),
                        String($0.codings), String($0.reviews), String($0.adjudications),
                    ]
                }
            }
        }
    }
}
