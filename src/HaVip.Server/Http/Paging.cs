using HaVip.Domain.Errors;

namespace HaVip.Server.Http;

/// <summary>pageSize and pageToken as every list of the API takes them.</summary>
public readonly record struct Paging(int Size, string? After)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100;

    public static Paging Parse(int? pageSize, string? pageToken)
    {
        var size = pageSize ?? DefaultSize;
        if (size is < 1 or > MaxSize)
        {
            throw new DomainException(ErrorCode.InvalidParameter, $"pageSize must be between 1 and {MaxSize}.", "pageSize");
        }
        return new Paging(size, PageToken.Decode(pageToken));
    }

    /// <summary>Cuts one extra row off and makes the next page's token from the last row kept.</summary>
    public (IReadOnlyList<T> Items, string? NextPageToken) Page<T>(List<T> fetched, Func<T, string> id) =>
        fetched.Count > Size ? (fetched[..Size], PageToken.Encode(id(fetched[Size - 1]))) : (fetched, null);
}
