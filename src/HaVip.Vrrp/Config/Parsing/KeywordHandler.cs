using HaVip.Vrrp.Config.Syntax;

namespace HaVip.Vrrp.Config.Parsing;

/// <summary>Handles one keyword's statement, writing into the block's model object.</summary>
internal delegate void KeywordHandler<in T>(Statement statement, T target, ParseContext context);
