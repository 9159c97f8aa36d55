import ArgumentParser
import Foundation
import ViewpointsCore

extension Viewpoints {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inter-coder reliability of a long CSV (unit,coder,value).",
            discussion: """
                FILE has a header naming the columns unit, coder and value (any order, other columns ignored) \
                and one row per value; a missing value is an absent row or an empty value cell. Values are \
                labels at the nominal level and must be numbers at the others. Undefined and not applicable \
                coefficients are printed with their reason and exit 0. Exit 65: bad data (FILE:LINE:COLUMN); \
                66: FILE cannot be read; 64: bad options.
                JSON and CSV: one object or row per coefficient with metric, level, weights, value, defined, \
                applicable, reason, units, coders, pairable_values, and ci_low, ci_high with --bootstrap.
                """
        )

        @Argument(help: "Long CSV with columns unit, coder, value.")
        var file: String
        @Option(help: "Coefficient: alpha, cohen, fleiss, scott, percent or all.")
        var metric: MetricChoice = .all
        @Option(help: "Level of measurement for α: nominal, ordinal, interval or ratio.")
        var level: MeasurementLevel = .nominal
        @Option(help: "Weights of Cohen's κ: none, linear (|x−y|) or quadratic ((x−y)²).")
        var weights: Cohen.Weights = .none
        @Option(help: "Weighted κ places values at their numbers (numeric) or ranks among those used (observed).")
        var positions: Cohen.Positions = .numeric
        @Option(help: "Coders to compare, comma-separated (two for Cohen's κ and Scott's π).")
        var coders: String?
        @Option(help: "Resamples for a 95% bootstrap interval of α (needs --seed).")
        var bootstrap: Int?
        @Option(help: "Seed of the bootstrap generator (SplitMix64); the same seed gives the same interval.")
        var seed: UInt64?
        @Option(help: "Output format: table, csv or json.")
        var format: OutputFormat = .table

        func validate() throws {
            if weights != .none && level == .nominal {
                throw ValidationError(
                    "--weights \(weights.rawValue) needs numbers: add --level ordinal, interval or ratio")
            }
            if weights != .none && ![.cohen, .all].contains(metric) {
                throw ValidationError("--weights applies to Cohen's κ only: use --metric cohen or all")
            }
            if positions == .observed && weights == .none {
                throw ValidationError(
                    "--positions observed applies to weighted κ only: add --weights linear or quadratic")
            }
            if let bootstrap {
                guard bootstrap > 0 else { throw ValidationError("--bootstrap needs a positive number of resamples") }
                guard seed != nil else {
                    throw ValidationError("--bootstrap needs --seed X, so the interval can be reproduced")
                }
                guard [.alpha, .all].contains(metric) else {
                    throw ValidationError("--bootstrap applies to α only: use --metric alpha or all")
                }
            } else if seed != nil {
                throw ValidationError("--seed needs --bootstrap N")
            }
            if let chosen = chosenCoders {
                guard chosen.count >= 2, !chosen.contains("") else {
                    throw ValidationError(
                        "--coders needs at least two coder names separated by commas, e.g. --coders A,B")
                }
                guard Set(chosen).count == chosen.count else { throw ValidationError("--coders names a coder twice") }
            }
        }

        var chosenCoders: [String]? {
            coders.map {
                $0.split(separator: ",", omittingEmptySubsequences: false).map {
                    $0.trimmingCharacters(in: .whitespaces)
                }
            }
        }

        func run() throws {
            let request = ReliabilityRequest(
                metrics: metric.metrics, level: level, weights: weights, positions: positions, coders: chosenCoders,
                bootstrap: bootstrap.map { ReliabilityRequest.Bootstrap(samples: $0, seed: seed ?? 0) }
            )
            let figures: [ReliabilityFigure]
            do {
                figures = try request.run(path: file)
            } catch {
                warn(error.description)
                throw ExitCode(error.exitCode)
            }
            print(StatsOutput(figures: figures, bootstrapped: bootstrap != nil).render(format), terminator: "")
        }
    }
}
