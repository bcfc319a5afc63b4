using System.Collections.Immutable;
using Sos.Grains.Abstractions;

namespace Sos.Grains.Incidents;

/// <summary>
/// The incident types every centre starts with: the categories the console offered before incidents existed (same
/// codes, so older calls still read), with the words the profession uses in Russian and Kazakh.
/// </summary>
public static class SeededIncidentTypes
{
    /// <summary>The seeded types, in the order a dispatcher chooses from.</summary>
    public static readonly ImmutableArray<IncidentType> All =
    [
        Type("assault", 1, "Assault / violence", "Нападение / насилие", "Шабуыл / зорлық-зомбылық"),
        Type("robbery", 2, "Robbery / theft", "Грабёж / кража", "Тонау / ұрлық"),
        Type("medical", 1, "Medical emergency", "Экстренная медицинская помощь", "Шұғыл медициналық көмек"),
        Type("missing-person", 2, "Lost child / person", "Потерялся ребёнок / человек", "Жоғалған бала / адам"),
        Type("harassment", 2, "Harassment", "Приставание / домогательство", "Қудалау / мазалау"),
        Type("public-disorder", 3, "Public disorder", "Нарушение общественного порядка", "Қоғамдық тәртіпті бұзу"),
        Type("traffic-accident", 2, "Traffic accident", "ДТП", "Жол-көлік оқиғасы"),
        Type("fire", 1, "Fire", "Пожар", "Өрт"),
        Type("suspicious-object", 2, "Suspicious object", "Подозрительный предмет", "Күдікті зат"),
        Type("panic-alarm", 2, "Panic alarm, situation unknown", "Тревожная кнопка, обстановка не выяснена", "Дабыл түймесі, жағдай анықталмаған", "ALRPANA"),
        Type("information", 5, "Information request", "Справочный запрос", "Анықтама сұрау"),
        Type("other", 3, "Other", "Другое", "Басқа"),
    ];

    private static IncidentType Type(string code, int priority, string english, string russian, string kazakh, string? apco = null) =>
        new(code, ImmutableDictionary.CreateRange(StringComparer.Ordinal, [
            KeyValuePair.Create(Languages.English, english),
            KeyValuePair.Create(Languages.Russian, russian),
            KeyValuePair.Create(Languages.Kazakh, kazakh),
        ]), priority, Apco: apco);
}
