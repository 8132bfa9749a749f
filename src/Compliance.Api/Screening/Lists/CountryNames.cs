using System.Collections.Frozen;
using Compliance.Api.Screening.Matching;

namespace Compliance.Api.Screening.Lists;

/// <summary>
/// English country names, as the lists write them (including their long and older forms), to ISO
/// 3166-1 alpha-2. A table rather than RegionInfo: the service runs without ICU data.
/// </summary>
internal static class CountryNames
{
    private const string Table =
        "afghanistan=AF;albania=AL;algeria=DZ;andorra=AD;angola=AO;antigua and barbuda=AG;argentina=AR;armenia=AM;australia=AU;" +
        "austria=AT;azerbaijan=AZ;bahamas=BS;bahrain=BH;bangladesh=BD;barbados=BB;belarus=BY;belgium=BE;belize=BZ;benin=BJ;" +
        "bhutan=BT;bolivia=BO;bolivia plurinational state=BO;bosnia and herzegovina=BA;botswana=BW;brazil=BR;brunei=BN;" +
        "brunei darussalam=BN;bulgaria=BG;burkina faso=BF;burma=MM;burundi=BI;cabo verde=CV;cape verde=CV;cambodia=KH;cameroon=CM;" +
        "canada=CA;central african republic=CF;chad=TD;chile=CL;china=CN;colombia=CO;comoros=KM;congo=CG;republic congo=CG;" +
        "congo democratic republic=CD;democratic republic congo=CD;costa rica=CR;cote d ivoire=CI;cote divoire=CI;ivory coast=CI;" +
        "croatia=HR;cuba=CU;cyprus=CY;czech republic=CZ;czechia=CZ;denmark=DK;djibouti=DJ;dominica=DM;dominican republic=DO;" +
        "ecuador=EC;egypt=EG;el salvador=SV;equatorial guinea=GQ;eritrea=ER;estonia=EE;eswatini=SZ;swaziland=SZ;ethiopia=ET;fiji=FJ;" +
        "finland=FI;france=FR;gabon=GA;gambia=GM;georgia=GE;germany=DE;ghana=GH;greece=GR;grenada=GD;guatemala=GT;guinea=GN;" +
        "guinea bissau=GW;guyana=GY;haiti=HT;honduras=HN;hong kong=HK;hungary=HU;iceland=IS;india=IN;indonesia=ID;iran=IR;" +
        "iran islamic republic=IR;iraq=IQ;ireland=IE;israel=IL;italy=IT;jamaica=JM;japan=JP;jordan=JO;kazakhstan=KZ;kenya=KE;" +
        "kiribati=KI;north korea=KP;korea north=KP;democratic people s republic korea=KP;democratic peoples republic korea=KP;" +
        "dprk=KP;south korea=KR;korea south=KR;republic korea=KR;korea republic=KR;kosovo=XK;kuwait=KW;kyrgyzstan=KG;laos=LA;" +
        "lao people s democratic republic=LA;latvia=LV;lebanon=LB;lesotho=LS;liberia=LR;libya=LY;liechtenstein=LI;lithuania=LT;" +
        "luxembourg=LU;madagascar=MG;malawi=MW;malaysia=MY;maldives=MV;mali=ML;malta=MT;marshall islands=MH;mauritania=MR;" +
        "mauritius=MU;mexico=MX;micronesia=FM;moldova=MD;republic moldova=MD;monaco=MC;mongolia=MN;montenegro=ME;morocco=MA;" +
        "mozambique=MZ;myanmar=MM;namibia=NA;nauru=NR;nepal=NP;netherlands=NL;new zealand=NZ;nicaragua=NI;niger=NE;nigeria=NG;" +
        "north macedonia=MK;macedonia=MK;norway=NO;oman=OM;pakistan=PK;palau=PW;palestine=PS;palestinian territories=PS;" +
        "state palestine=PS;panama=PA;papua new guinea=PG;paraguay=PY;peru=PE;philippines=PH;poland=PL;portugal=PT;qatar=QA;" +
        "romania=RO;russia=RU;russian federation=RU;rwanda=RW;saint kitts and nevis=KN;saint lucia=LC;" +
        "saint vincent and grenadines=VC;samoa=WS;san marino=SM;sao tome and principe=ST;saudi arabia=SA;senegal=SN;serbia=RS;" +
        "seychelles=SC;sierra leone=SL;singapore=SG;slovakia=SK;slovenia=SI;solomon islands=SB;somalia=SO;south africa=ZA;" +
        "south sudan=SS;spain=ES;sri lanka=LK;sudan=SD;suriname=SR;sweden=SE;switzerland=CH;syria=SY;syrian arab republic=SY;" +
        "taiwan=TW;tajikistan=TJ;tanzania=TZ;united republic tanzania=TZ;thailand=TH;timor leste=TL;east timor=TL;togo=TG;" +
        "tonga=TO;trinidad and tobago=TT;tunisia=TN;turkey=TR;turkiye=TR;turkmenistan=TM;tuvalu=TV;uganda=UG;ukraine=UA;" +
        "united arab emirates=AE;uae=AE;united kingdom=GB;uk=GB;great britain=GB;united states=US;united states america=US;" +
        "usa=US;uruguay=UY;uzbekistan=UZ;vanuatu=VU;vatican=VA;holy see=VA;venezuela=VE;venezuela bolivarian republic=VE;" +
        "vietnam=VN;viet nam=VN;yemen=YE;zambia=ZM;zimbabwe=ZW;gaza=PS;west bank=PS;crimea=UA;british virgin islands=VG;" +
        "cayman islands=KY;gibraltar=GI;isle man=IM;jersey=JE;guernsey=GG;macau=MO;macao=MO;curacao=CW;aruba=AW;bermuda=BM";

    private static readonly FrozenDictionary<string, string> Codes = Table.Split(';')
        .Select(pair => pair.Split('='))
        .Select(p => (Key: Key(p[0]), Code: p[1]))
        .DistinctBy(p => p.Key)
        .ToFrozenDictionary(p => p.Key, p => p.Code, StringComparer.Ordinal);

    // "Korea, North" and "North Korea": the same words in another order.
    private static readonly FrozenDictionary<string, string> BySortedWords = Codes
        .Select(c => (Key: SortedWords(c.Key), Code: c.Value))
        .DistinctBy(c => c.Key)
        .ToFrozenDictionary(c => c.Key, c => c.Code, StringComparer.Ordinal);

    private static string SortedWords(string key) => string.Join(' ', key.Split(' ').Order(StringComparer.Ordinal));

    // The table's names go through the same normalization as the names looked up.
    private static string Key(string name) => string.Join(' ', NameNormalizer.Tokens(name, isPerson: true));

    /// <summary>The ISO code for a country name, or null when the name is not one we know.</summary>
    public static string? ToCode(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var trimmed = name.Trim();
        if (trimmed.Length == 2 && trimmed.All(char.IsAsciiLetterUpper))
        {
            return trimmed;
        }

        // "Iran (Islamic Republic of)", "Korea, Democratic People's Republic of" and "The Gambia" all
        // reduce to the table's form: tokens without "the", "of" and punctuation, with "korea, north" order kept.
        var key = Key(trimmed);
        if (Codes.TryGetValue(key, out var code))
        {
            return code;
        }

        return BySortedWords.GetValueOrDefault(SortedWords(key));
    }
}
