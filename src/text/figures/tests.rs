use super::FigureKind::*;
use super::*;

/// A text and the figures expected in it: kind, value, the original form.
type Case<'a> = (&'a str, &'a [(FigureKind, &'a str, &'a str)]);

fn read(text: &str) -> Vec<(FigureKind, String, &str)> {
    figures(text)
        .into_iter()
        .map(|figure| (figure.kind, figure.value.to_string(), &text[figure.range]))
        .collect()
}

#[test]
fn table_of_figures() {
    #[rustfmt::skip]
    let cases: &[Case] = &[
        // Percent off.
        ("全场立减20%", &[(PercentOff, "20", "立减20%")]),
        ("减 15 %", &[(PercentOff, "15", "减 15 %")]),
        ("Get 20% off today", &[(PercentOff, "20", "20% off")]),
        ("20% OFF", &[(PercentOff, "20", "20% OFF")]),
        ("２０％ＯＦＦ", &[(PercentOff, "20", "２０％ＯＦＦ")]),
        ("12.5%off", &[(PercentOff, "12.5", "12.5%off")]),
        ("10%优惠", &[(PercentOff, "10", "10%优惠")]),
        ("立\u{200B}减20%", &[(PercentOff, "20", "立\u{200B}减20%")]),
        // 折.
        ("全场8折", &[(Zhe, "8", "8折")]),
        ("8.5折起", &[(Zhe, "8.5", "8.5折")]),
        ("85折", &[(Zhe, "8.5", "85折")]),
        ("打8折", &[(Zhe, "8", "打8折")]),
        ("打 9 折", &[(Zhe, "9", "打 9 折")]),
        ("八折", &[(Zhe, "8", "八折")]),
        ("八五折", &[(Zhe, "8.5", "八五折")]),
        ("会员九五折", &[(Zhe, "9.5", "九五折")]),
        ("打七折", &[(Zhe, "7", "打七折")]),
        ("打八五折", &[(Zhe, "8.5", "打八五折")]),
        ("全場8折優惠", &[(Zhe, "8", "8折")]),
        ("０.５折", &[(Zhe, "0.5", "０.５折")]),
        // Amount off.
        ("立减20元", &[(AmountOff, "20", "立减20元")]),
        ("下单减5", &[(AmountOff, "5", "减5")]),
        ("Save $5 now", &[(AmountOff, "5", "Save $5")]),
        ("save 5 USD", &[(AmountOff, "5", "save 5 USD")]),
        ("$5 off", &[(AmountOff, "5", "$5 off")]),
        ("€3.50 OFF", &[(AmountOff, "3.50", "€3.50 OFF")]),
        ("HK$20 off", &[(AmountOff, "20", "HK$20 off")]),
        ("USD 5 off", &[(AmountOff, "5", "USD 5 off")]),
        ("5 EUR off", &[(AmountOff, "5", "5 EUR off")]),
        ("1000円OFF", &[(AmountOff, "1000", "1000円OFF")]),
        ("500円引き", &[(AmountOff, "500", "500円引き")]),
        ("1,000円引き", &[(AmountOff, "1000", "1,000円引き")]),
        ("減¥10", &[(AmountOff, "10", "減¥10")]),
        // Cap.
        ("最高减50元", &[(Cap, "50", "最高减50元")]),
        ("最高減50元", &[(Cap, "50", "最高減50元")]),
        ("最高20元", &[(Cap, "20", "最高20元")]),
        ("最高可减30", &[(Cap, "30", "最高可减30")]),
        ("up to $50 off", &[(Cap, "50", "up to $50 off")]),
        ("Up To ¥100 Off", &[(Cap, "100", "Up To ¥100 Off")]),
        // Threshold, alone and with an amount.
        ("满100减20", &[(Threshold, "100", "满100"), (AmountOff, "20", "减20")]),
        ("滿100減20", &[(Threshold, "100", "滿100"), (AmountOff, "20", "減20")]),
        ("满100元减20元", &[(Threshold, "100", "满100元"), (AmountOff, "20", "减20元")]),
        ("每满200减30，最高减90元", &[(Threshold, "200", "满200"), (AmountOff, "30", "减30"), (Cap, "90", "最高减90元")]),
        ("$5 off orders over $50", &[(AmountOff, "5", "$5 off"), (Threshold, "50", "orders over $50")]),
        ("on any order over USD 30", &[(Threshold, "30", "order over USD 30")]),
        ("over ¥99", &[(Threshold, "99", "over ¥99")]),
        // Not discount figures.
        ("双11狂欢", &[]),
        ("2025年度大促", &[]),
        ("Top 10 deals", &[]),
        ("¥10", &[]),
        ("仅需¥10", &[]),
        ("20%", &[]),
        ("100% cotton", &[]),
        ("20% officially", &[]),
        ("$5 offer", &[]),
        ("over 50 stores", &[]),
        ("turnover $50", &[]),
        ("减10kg", &[]),
        ("减肥", &[]),
        ("满意", &[]),
        ("三折叠手机", &[]),
        ("一折腾就没了", &[]),
        ("一波三折", &[]),
        ("七折八扣", &[]),
        ("100折", &[]),
        ("0折", &[]),
        ("十八折", &[]),
        ("v1.5折", &[]),
        ("打折", &[]),
        ("最高50层", &[]),
        ("save up to $50", &[(Cap, "50", "up to $50")]),
        ("税込1000円", &[]),
        ("10%オフ", &[(PercentOff, "10", "10%オフ")]),
        ("2割引", &[(PercentOff, "20", "2割引")]),
        ("10元立减金", &[(AmountOff, "10", "10元立减金")]),
        ("满2件8折", &[(Zhe, "8", "8折")]),
        ("满3件减10元", &[(AmountOff, "10", "减10元")]),
        ("满1000积分", &[]),
        ("减5%", &[(PercentOff, "5", "减5%")]),
        ("save 20%", &[(PercentOff, "20", "save 20%")]),
        ("x10% off", &[]),
        // Rule pack 2: percent off.
        ("优惠20%", &[(PercentOff, "20", "优惠20%")]),
        ("限时优惠 15 %", &[(PercentOff, "15", "优惠 15 %")]),
        ("20% discount", &[(PercentOff, "20", "20% discount")]),
        ("Save 20% today", &[(PercentOff, "20", "Save 20%")]),
        ("save 20% off", &[(PercentOff, "20", "save 20% off")]),
        ("20 percent off", &[(PercentOff, "20", "20 percent off")]),
        ("-20%", &[(PercentOff, "20", "-20%")]),
        ("全场 -15%", &[(PercentOff, "15", "-15%")]),
        ("百分之二十", &[(PercentOff, "20", "百分之二十")]),
        ("立享百分之十五优惠", &[(PercentOff, "15", "百分之十五")]),
        ("百分之5", &[(PercentOff, "5", "百分之5")]),
        ("20%引き", &[(PercentOff, "20", "20%引き")]),
        ("３割引", &[(PercentOff, "30", "３割引")]),
        ("二割引", &[(PercentOff, "20", "二割引")]),
        ("第二件半价", &[(PercentOff, "50", "半价")]),
        ("半價", &[(PercentOff, "50", "半價")]),
        ("半額セール", &[(PercentOff, "50", "半額")]),
        // Rule pack 2: amount off.
        ("立减二十元", &[(AmountOff, "20", "立减二十元")]),
        ("减五十元", &[(AmountOff, "50", "减五十元")]),
        ("立减一百零五元", &[(AmountOff, "105", "立减一百零五元")]),
        ("立减两千元", &[(AmountOff, "2000", "立减两千元")]),
        ("立减十元", &[(AmountOff, "10", "立减十元")]),
        ("立减金5元", &[(AmountOff, "5", "立减金5元")]),
        ("领20元优惠券", &[(AmountOff, "20", "20元优惠券")]),
        ("立减1,000元", &[(AmountOff, "1000", "立减1,000元")]),
        // Rule pack 2: cap.
        ("最高优惠50元", &[(Cap, "50", "最高优惠50元")]),
        ("最高可减30元", &[(Cap, "30", "最高可减30元")]),
        ("最多减20元", &[(Cap, "20", "最多减20元")]),
        ("up to $50", &[(Cap, "50", "up to $50")]),
        ("up to ¥1,000 back", &[(Cap, "1000", "up to ¥1,000")]),
        // Rule pack 2: threshold, with thousands separators.
        ("满1,000减100", &[(Threshold, "1000", "满1,000"), (AmountOff, "100", "减100")]),
        ("满１，０００减１００", &[(Threshold, "1000", "满１，０００"), (AmountOff, "100", "减１００")]),
        ("over $1,000", &[(Threshold, "1000", "over $1,000")]),
        ("满50元可用", &[(Threshold, "50", "满50元可用")]),
        // Rule pack 2: no figures.
        ("满2件9折", &[(Zhe, "9", "9折")]),
        ("2025新年", &[]),
        ("618大促", &[]),
        ("24小时", &[]),
        ("100%正品", &[]),
        ("10-20%", &[]),
        ("5-10% off", &[(PercentOff, "10", "10% off")]),
        ("半年", &[]),
        ("百分百好评", &[]),
        ("百分之百正品", &[]),
        ("减一半", &[]),
        ("立减二五元", &[]),
        ("up to 5 stores", &[]),
        ("20 percent", &[]),
        ("满2件可用", &[]),
        ("1,5折", &[]),
    ];
    assert!(cases.len() >= 40);
    for (text, expected) in cases {
        let expected: Vec<(FigureKind, String, &str)> = expected
            .iter()
            .map(|&(kind, value, form)| (kind, value.to_owned(), form))
            .collect();
        assert_eq!(read(text), expected, "text {text:?}");
    }
}

#[test]
fn longest_form_wins_and_each_figure_is_read_once() {
    assert_eq!(
        read("最高立减50元"),
        vec![(Cap, "50".to_owned(), "最高立减50元")]
    );
    assert_eq!(
        read("立减20%"),
        vec![(PercentOff, "20".to_owned(), "立减20%")]
    );
    assert_eq!(
        read("up to $50 off"),
        vec![(Cap, "50".to_owned(), "up to $50 off")]
    );
}

#[test]
fn values_are_exact_decimals() {
    let figure = figures("立减33.33%").into_iter().next();
    assert_eq!(figure.map(|f| f.value), Some(Decimal::new(3333, 2)));
    assert!(figures("立减99999999999999999999999999999999999%").is_empty());
}
