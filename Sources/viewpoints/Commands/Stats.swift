import ArgumentParser
import Foundation
import ViewpointsCore
import ViewpointsFiles

extension Viewpoints {
    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Inter-coder reliability of a CSV of ratings, long (unit,coder,value) or wide (units × coders).",
            discussion: """
                --input long (the default): FILE has a header naming the columns unit, coder and value (any \
                order, other columns ignored) and one row per value; a missing value is an absent row or an \
                empty value cell.
                --input wide: one row per unit and one column per coder, as KALPHA and R irr's kappa functions \
                take them (transpose for irr's kripp.alpha and Python's krippendorff): the header names the unit \
                column (any name) and then each coder; an empty cell is a missing value. Each unit has one row, \
                each coder one column.
                Every row has at most as many fields as the header (quote "1,5", or write 1.5). Values are \
                labels at the nominal level; at the others they must be decimal numbers (3, -2, 0.5, 1e3; not \
                0x10, inf or nan). Undefined and not applicable coefficients are printed with their reason and \
                exit 0. Exit 65: bad data (FILE:LINE:COLUMN), or no ratings at all; 66: FILE cannot be read; \
                64: bad options.
                --bootstrap N reports the 95% interval and in how many of the N resamples α was defined, with a \
                warning on stderr when that is under 95%.
                JSON and CSV: one object or row per coefficient with metric, level, weights, value, defined, \
                applicable, reason, units, coders, pairable_values, and with --bootstrap ci_low, ci_high, \
                resamples and resamples_defined.
                """
        )

        @Argument(help: "CSV of ratings: long (columns unit, coder, value) or, with --input wide, units × coders.")
        var file: String
        @Option(help: "Layout of FILE: long (a row per value) or wide (a row per unit, a column per coder).")
        var input: ReliabilityLayout = .long
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
                metrics: metric.metrics, layout: input, level: level, weights: weights, positions: positions,
                coders: chosenCoders,
                bootstrap: bootstrap.map { ReliabilityRequest.Bootstrap(samples: $0, seed: seed ?? 0) }
            )
            let figures: [ReliabilityFigure]
            do {
                figures = try request.run(path: file)
            } catch {
                warn("viewpoints: error: \(error)")
                throw ExitCode(error.exitCode)
            }
            let output = StatsOutput(figures: figures, bootstrapped: bootstrap != nil)
            print(output.render(format), terminator: "")
            for warning in output.warnings { warn("viewpoints: warning: \(warning)") }
        }
    }
}
