namespace Ringfence.Cli.Run;

/// <summary>What <c>ringfence run</c> does after a line it cannot parse (<c>--on-error</c>).</summary>
internal enum ErrorPolicy
{
    /// <summary>Record the line error and run the lines after it (<c>--on-error continue</c>, the default).</summary>
    Continue,

    /// <summary>Record the line error and run nothing more (<c>--on-error stop</c>).</summary>
    Stop,
}
