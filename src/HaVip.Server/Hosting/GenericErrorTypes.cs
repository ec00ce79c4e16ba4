using Microsoft.AspNetCore.Http.Features;

namespace HaVip.Server.Hosting;

/// <summary>
/// ASP.NET Core names an unhandled exception's .NET type in the request metrics' <c>error.type</c>;
/// /metrics shows no internals, so every exception type counts as one "exception". Other error
/// types (Kestrel's "connection_reset" and the like) are kept. Runs outermost: the exception
/// handler inside it has added its tag by the time this one reads them, and the hosting layer
/// records the request after it, keeping a tag already there.
/// </summary>
internal sealed class GenericErrorTypes(RequestDelegate next)
{
    private const string ErrorType = "error.type";
    private const string Exception = "exception";

    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch
        {
            Generalize(context.Features.Get<IHttpMetricsTagsFeature>(), thrown: true);
            throw;
        }
        Generalize(context.Features.Get<IHttpMetricsTagsFeature>(), thrown: false);
    }

    private static void Generalize(IHttpMetricsTagsFeature? metrics, bool thrown)
    {
        if (metrics is null)
        {
            return;
        }
        var typeNames = metrics.Tags.Where(t => t.Key == ErrorType && t.Value is string name && name.Contains('.', StringComparison.Ordinal)).ToArray();
        foreach (var tag in typeNames)
        {
            metrics.Tags.Remove(tag);
        }
        if ((thrown || typeNames.Length > 0) && !metrics.Tags.Any(t => t.Key == ErrorType))
        {
            metrics.Tags.Add(new(ErrorType, Exception));
        }
    }
}
