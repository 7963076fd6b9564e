using System.Diagnostics;

namespace FluxOperator.Controllers.Runtime;

/// <summary>What the queue gauges read from a live work queue.</summary>
internal interface IWorkQueueGauges
{
    /// <summary>The metric tags (<c>name</c>, <c>controller</c>).</summary>
    TagList Tags { get; }

    /// <summary>Depth, the longest-running item and the total in-flight time, now.</summary>
    (int Depth, double LongestRunningSeconds, double UnfinishedSeconds) Gauges();
}
