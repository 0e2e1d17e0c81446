using Reconcile.Samples.Output;
using Reconcile.Samples.Random;

namespace Reconcile.Samples.Model;

/// <summary>The words samples are made of: Chinese names, companies, bank branches, memos. Encoded once.</summary>
internal static class Vocabulary
{
    private const string Surnames =
        "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";

    private const string GivenChars =
        "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰婷雪梅晨浩宇欣怡子涵梓轩一诺思远佳琪俊杰晓东海燕春林丹凤文博雨萱嘉怡天佑";

    public static readonly string[] Cities = ["北京", "上海", "深圳", "广州", "杭州", "成都"];

    private static readonly Dictionary<string, string[]> Districts = new(StringComparer.Ordinal)
    {
        ["北京"] = ["朝阳", "海淀", "东城", "西城", "丰台", "通州"],
        ["上海"] = ["浦东", "徐汇", "静安", "闵行", "长宁", "杨浦"],
        ["深圳"] = ["福田", "南山", "罗湖", "宝安", "龙岗"],
        ["广州"] = ["天河", "越秀", "海珠", "番禺", "白云"],
        ["杭州"] = ["西湖", "滨江", "上城", "拱墅", "余杭"],
        ["成都"] = ["锦江", "武侯", "高新", "青羊", "金牛"],
    };

    private static readonly string[] Banks =
    [
        "中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "交通银行", "招商银行", "中国邮政储蓄银行",
        "兴业银行", "浦发银行", "中国民生银行", "平安银行", "中信银行", "中国光大银行", "北京银行", "宁波银行",
    ];

    /// <summary>Debit-card BIN prefixes of the banks above (same order), so account numbers look like theirs.</summary>
    private static readonly string[] CardPrefixes =
    [
        "622202", "621700", "622848", "621661", "622262", "621483", "621799",
        "622908", "622521", "622622", "623058", "621771", "622666", "621468", "621418",
    ];

    public static readonly string[] Brands =
    [
        "恒美", "嘉禾", "锦绣", "华艺", "德居", "安居", "鸿运", "远景", "佳园", "万家", "和顺", "雅筑", "新境", "匠心",
        "如意", "鼎盛", "明宇", "盛世", "瑞丰", "同创",
    ];

    private static readonly string[] CompanyKinds = ["装饰工程有限公司", "建筑装饰设计有限公司", "家居装饰有限公司", "装饰材料有限公司"];

    public static string Person(Pcg32 rng)
    {
        string name = Surnames[rng.Next(Surnames.Length)].ToString();
        int given = rng.Chance(70) ? 2 : 1;
        for (int i = 0; i < given; i++)
        {
            name += GivenChars[rng.Next(GivenChars.Length)];
        }
        return name;
    }

    public static string Company(Pcg32 rng, string city) =>
        city + Brands[rng.Next(Brands.Length)] + CompanyKinds[rng.Next(CompanyKinds.Length)];

    /// <summary>A bank branch in <paramref name="city"/> and the index of its bank.</summary>
    public static (string Branch, int Bank) Branch(Pcg32 rng, string city)
    {
        int bank = rng.Next(Banks.Length);
        string[] districts = Districts[city];
        string branch = rng.Chance(25)
            ? Banks[bank] + city + "分行"
            : Banks[bank] + city + districts[rng.Next(districts.Length)] + "支行";
        return (branch, bank);
    }

    /// <summary>A 19-digit debit card number of the bank with index <paramref name="bank"/>.</summary>
    public static string Card(Pcg32 rng, int bank) => CardPrefixes[bank] + Digits(rng, 13);

    /// <summary>A company's settlement account: 12 to 18 digits.</summary>
    public static string CompanyAccount(Pcg32 rng) => (1 + rng.Next(9)).ToString(System.Globalization.CultureInfo.InvariantCulture) + Digits(rng, rng.Between(11, 17));

    public static string Digits(Pcg32 rng, int count)
    {
        var chars = new char[count];
        for (int i = 0; i < count; i++)
        {
            chars[i] = (char)('0' + rng.Next(10));
        }
        return new string(chars);
    }

    // Memos and summaries, encoded once.
    public static readonly Text CebIn1 = new("跨行转入");
    public static readonly Text CebIn2 = new("网银转入");
    public static readonly Text CebIn3 = new("转账存入");
    public static readonly Text CebOut1 = new("转账支出");
    public static readonly Text CebOut2 = new("跨行汇款");
    public static readonly Text CebBatch = new("批量代付");
    public static readonly Text Fee = new("手续费");
    public static readonly Text FeeMemo = new("跨行汇款手续费");
    public static readonly Text CiticFeeMemo = new("汇划手续费");
    public static readonly Text CiticIn = new("转入");
    public static readonly Text CiticOut = new("转账");
    public static readonly Text Reversal = new("冲正");
    public static readonly Text PabIn1 = new("转入");
    public static readonly Text PabIn2 = new("充值");
    public static readonly Text PabOut1 = new("提现");
    public static readonly Text PabOut2 = new("转账");
    public static readonly Text Interest = new("结息");
    public static readonly Text InterestMemo = new("活期利息");

    public static readonly Text MemoDownPayment = new("首付款");
    public static readonly Text MemoEarnest = new("定金");
    public static readonly Text MemoHousePayment = new("购房款");
    public static readonly Text MemoRelease = new("放款");
    public static readonly Text MemoSellerRelease = new("卖方放款");
    public static readonly Text MemoRefund = new("退款");
    public static readonly Text MemoBuyerRefund = new("买方退款");
    public static readonly Text MemoRenovationFirst = new("装修首期款");
    public static readonly Text MemoRenovation = new("装修款");
    public static readonly Text MemoStage = new("阶段款");
    public static readonly Text MemoStageRelease = new("装修阶段款");
    public static readonly Text MemoFinal = new("尾款");
    public static readonly Text MemoSupervision = new("资金监管");
    public static readonly Text MemoCustody = new("装修存管");
    public static readonly Text MemoFeeRemark = new("银行手续费");
    public static readonly Text MemoInterestRemark = new("利息收入");
}
