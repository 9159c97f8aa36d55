/// Which coefficients to compute on reliability data, and how.
public struct ReliabilityRequest: Sendable, Equatable {
    /// A bootstrap of α: resamples and generator seed.
    public struct Bootstrap: Sendable, Equatable {
        /// Number of resamples.
        public var samples: Int
        /// Seed of the SplitMix64 generator.
        public var seed: UInt64

        /// Creates bootstrap settings.
        public init(samples: Int, seed: UInt64) {
            self.samples = samples
            self.seed = seed
        }
    }

    /// Coefficients in output order.
    public var metrics: [ReliabilityMetric]
    /// How the file lays out its values: long (`unit,coder,value`) or wide (units × coders).
    public var layout: ReliabilityLayout
    /// Level of measurement for α (and for reading: other than nominal, values must be numbers).
    public var level: MeasurementLevel
    /// Weights of Cohen's κ.
    public var weights: Cohen.Weights
    /// Positions of values for weighted κ.
    public var positions: Cohen.Positions
    /// The coders to compare, in order; nil for all.
    public var coders: [String]?
    /// Bootstrap interval for α, if wanted.
    public var bootstrap: Bootstrap?

    /// Creates a request.
    public init(
        metrics: [ReliabilityMetric] = ReliabilityMetric.allCases, layout: ReliabilityLayout = .long,
        level: MeasurementLevel = .nominal,
        weights: Cohen.Weights = .none, positions: Cohen.Positions = .numeric, coders: [String]? = nil,
        bootstrap: Bootstrap? = nil
    ) {
        self.metrics = metrics
        self.layout = layout
        self.level = level
        self.weights = weights
        self.positions = positions
        self.coders = coders
        self.bootstrap = bootstrap
    }

    /// Reads a long (`unit,coder,value`) or wide (units × coders) CSV and computes the coefficients.
    public func run(file: InputFile) throws(ReliabilityCSVError) -> [ReliabilityFigure] {
        compute(try ReliabilityCSV.read(file: file, layout: layout, level: level, coders: coders))
    }

    /// Computes each coefficient on the data.
    public func compute(_ data: ReliabilityData) -> [ReliabilityFigure] {
        metrics.map { metric in
            switch metric {
            case .alpha:
                let result =
                    bootstrap.map { Krippendorff.bootstrap(data, level: level, samples: $0.samples, seed: $0.seed) }
                    ?? Krippendorff.alpha(data, level: level)
                return ReliabilityFigure(metric: metric, level: level, weights: nil, result: result)
            case .cohen:
                let result = Cohen.kappa(data, weights: weights, positions: positions)
                return ReliabilityFigure(
                    metric: metric, level: weights == .none ? .nominal : level, weights: weights, result: result)
            case .fleiss:
                return ReliabilityFigure(metric: metric, level: .nominal, weights: nil, result: Fleiss.kappa(data))
            case .scott:
                return ReliabilityFigure(metric: metric, level: .nominal, weights: nil, result: Scott.pi(data))
            case .percent:
                let result = PercentAgreement.compute(data)
                return ReliabilityFigure(metric: metric, level: .nominal, weights: nil, result: result)
            }
        }
    }
}
