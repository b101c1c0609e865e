#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""gen.py: deterministic generator of synthetic cloudvet questionnaires.

    gen.py N OUTDIR [--seed S] [--xml-share 0.2] [--jobs J] [--criteria DIR]
                    [--ref-date YYYY-MM-DD]

Writes N submissions valid against criteria/schema/questionnaire-v1.schema.json
as OUTDIR/NNNNN-<slug>.json or .xml (the XML form of questionnaire-v1.md).
The structure follows samples/01-qualified-sakura.json (and the XML samples);
what varies is drawn from a random generator seeded with (S, file number), so
the same N, S and share always give the same bytes, and file k is the same
whatever N is:

- vendor and service names (Japanese), corporate number (valid check digit);
- 55 % are sound; the others have one to three flaws (FLAWS below), so that:
- certifications (ISMAP / ISO/IEC 27017 / 27001 / ...), numbers, dates; about
  8 % have every ISMAP / ISO/IEC 27017 certificate expired at --ref-date;
- storage regions from criteria/data/regions.json: mostly Japanese regions of
  the service's underlying cloud, about 10 % with a foreign backup/DR region;
- at-rest algorithms, mostly CRYPTREC-listed, about 7 % with a weak one
  (3DES, RC4, DES, Blowfish);
- MFA factors: about 87 % with a biometric factor, some SMS-only;
- answers: one per criterion of the default profile (criteria/profiles/
  default.json), the question text from the catalogue, and long Japanese
  explanations and evidence quotes that make up most of the size.

Sizes: a target size is drawn per file (90 % lognormal around 100 KB, 5 %
log-uniform 5-30 KB, 5 % log-uniform 200-500 KB, clipped to 5 KB-500 KB) and
the explanation and evidence text is grown to reach it.

Only the Python standard library is used.
"""
import argparse
import datetime
import glob
import json
import math
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CRITERIA = os.path.normpath(os.path.join(HERE, "..", "..", "criteria"))

# ---------------------------------------------------------------- vocabulary

# (Japanese stem, romaji for the file name and the domain)
STEMS = [
    ("あおば", "aoba"), ("ミライ窓口", "mirai-madoguchi"), ("つばさ", "tsubasa"),
    ("ことのは", "kotonoha"), ("やまびこ", "yamabiko"), ("ひかり", "hikari"),
    ("みなと", "minato"), ("わかば", "wakaba"), ("はるかぜ", "harukaze"),
    ("しろがね", "shirogane"), ("あさひ", "asahi"), ("こだま", "kodama"),
    ("なぎさ", "nagisa"), ("かえで", "kaede"), ("すばる", "subaru"),
    ("いぶき", "ibuki"), ("たちばな", "tachibana"), ("ほくと", "hokuto"),
    ("みずほ野", "mizuhono"), ("さつき", "satsuki"), ("ゆうなぎ", "yunagi"),
    ("東雲", "shinonome"), ("青葉台", "aobadai"), ("北斗星", "hokutosei"),
    ("瑞穂", "mizuho"), ("白鷺", "shirasagi"), ("紀ノ川", "kinokawa"),
    ("千曲", "chikuma"), ("若草", "wakakusa"), ("常磐", "tokiwa"),
    ("コスモス", "cosmos"), ("アルファ行政", "alpha-gyosei"),
    ("ネクストガバメント", "next-government"), ("まほろば", "mahoroba"),
]
VENDOR_SUFFIX = [
    "行政システムズ", "テック", "デジタルソリューションズ", "公共システム",
    "公共情報サービス", "情報システム", "ソフトウェア", "ネットワークス",
    "データサービス", "クラウドサービス", "総合研究所", "自治体ソリューションズ",
]
VENDOR_FORM = ["株式会社{}", "株式会社{}", "株式会社{}", "{}株式会社", "合同会社{}"]
# (Japanese product, romaji)
PRODUCTS = [
    ("オンライン申請クラウド", "online-shinsei"), ("電子申請クラウド", "denshi-shinsei"),
    ("文書管理クラウド", "bunsho-kanri"), ("財務会計クラウド", "zaimu-kaikei"),
    ("住民情報システム", "jumin-joho"), ("電子契約サービス", "denshi-keiyaku"),
    ("施設予約クラウド", "shisetsu-yoyaku"), ("グループウェア", "groupware"),
    ("人事給与クラウド", "jinji-kyuyo"), ("電子入札クラウド", "denshi-nyusatsu"),
    ("窓口支援システム", "madoguchi-shien"), ("図書館クラウド", "toshokan"),
    ("介護保険システム", "kaigo-hoken"), ("公金収納クラウド", "kokin-shuno"),
    ("ふるさと納税管理クラウド", "furusato-nozei"), ("学校徴収金クラウド", "gakko-choshukin"),
]
PEOPLE = ["佐藤 健一", "田中 美咲", "鈴木 大輔", "高橋 由美", "伊藤 翔太", "渡辺 直子",
          "山本 拓也", "中村 さくら", "小林 誠", "加藤 恵", "吉田 亮", "山田 花子",
          "松本 隆", "井上 真理", "木村 浩二", "林 千尋"]
DEPTS = ["公共ソリューション本部 営業部", "自治体ビジネス推進部", "公共営業統括部",
         "官公庁営業部", "ガバメントクラウド推進室", "公共事業部 第二営業課"]
TENDERS = [
    ("R8-DX-0217", "オンライン申請システム構築及び運用保守業務"),
    ("R8-JS-0042", "文書管理システム更新業務"),
    ("R8-ZM-0105", "財務会計システム クラウドサービス利用契約"),
    ("R9-KK-0011", "施設予約システム導入及び保守業務"),
    ("R8-JH-0333", "住民情報系システム標準化対応業務"),
]
ISSUERS_ISO = ["イグザンプル審査登録センター株式会社", "一般社団法人イグザンプル認証機構",
               "株式会社サンプル品質保証機構", "エグザンプル・サーティフィケーション株式会社"]
COURTS = ["東京地方裁判所", "大阪地方裁判所", "名古屋地方裁判所", "福岡地方裁判所",
          "札幌地方裁判所", "仙台地方裁判所", "広島地方裁判所", "高松地方裁判所",
          "横浜地方裁判所", "さいたま地方裁判所", "京都地方裁判所", "神戸地方裁判所",
          "千葉地方裁判所", "松江地方裁判所"]

# Providers drawn as the underlying cloud: (id in regions.json, weight).
PROVIDERS = [("aws", 30), ("azure", 18), ("gcp", 12), ("sakura", 10), ("oci", 8),
             ("fujitsu", 4), ("nifcloud", 5), ("ntt", 4), ("kddi", 3), ("ibm", 3),
             ("alibaba", 3)]
PROVIDER_COMPANY = {
    "aws": "アマゾン ウェブ サービス ジャパン合同会社",
    "azure": "日本マイクロソフト株式会社",
    "gcp": "グーグル・クラウド・ジャパン合同会社",
    "sakura": "さくらインターネット株式会社",
    "oci": "日本オラクル株式会社",
    "fujitsu": "富士通株式会社",
    "nifcloud": "ニフクラ株式会社",
    "ntt": "エヌ・ティ・ティ・コミュニケーションズ株式会社",
    "kddi": "KDDI株式会社",
    "ibm": "日本アイ・ビー・エム株式会社",
    "alibaba": "SBクラウド株式会社",
}

AT_REST_GOOD = [  # (algorithm, key_bits, mode, weight)
    ("AES", 256, "GCM", 50), ("AES", 256, "XTS", 20), ("AES", 128, "GCM", 8),
    ("AES", 256, "CBC", 8), ("Camellia", 256, "GCM", 5), ("KCipher-2", 128, None, 2),
    ("ChaCha20-Poly1305", 256, None, 3), ("AES", 192, "CTR", 2),
]
AT_REST_WEAK = [("3DES", 168, "CBC"), ("RC4", 128, None), ("DES", 56, "CBC"),
                ("Blowfish", 128, "CBC")]
MFA_GOOD = [  # (factors, weight): two kinds or more, one biometric
    (["password", "face", "fido2"], 14), (["password", "fingerprint", "push"], 14),
    (["password", "vein", "smartcard"], 8), (["password", "fingerprint"], 10),
    (["password", "face"], 8), (["pin", "iris", "certificate"], 4),
    (["パスワード", "顔認証", "totp"], 5), (["password", "指紋認証", "push"], 4),
    (["password", "face", "totp", "sms"], 3),
]
MFA_BAD = [  # no biometric factor (SMS-only among them), or a single kind
    (["password", "totp"], 12), (["password", "sms"], 10), (["password", "fido2"], 5),
    (["password", "push", "magic-link"], 2), (["face"], 2), (["password", "smartcard"], 3),
]
# A submission is sound (55 %) or has one to three flaws drawn from these
# weights; the shares of the file header follow from them.
FLAWS = [("expired", 10), ("foreign", 12), ("weak", 8), ("mfa_nobio", 14),
         ("mfa_admin", 5), ("sla", 10), ("notice", 8), ("deletion", 4),
         ("remote_abroad", 4), ("no_dr", 4), ("cert_iaas", 3)]

DOCS = [  # (title pattern, url path)
    ("{svc} セキュリティホワイトペーパー 第{ver}版", "security/whitepaper.pdf"),
    ("{svc} サービス利用規約", "legal/terms.pdf"),
    ("{svc} サービスレベル合意書（SLA）", "legal/sla.pdf"),
    ("{svc} 管理者向け操作マニュアル", "docs/admin-manual.pdf"),
    ("{svc} セキュリティチェックシート回答書", "security/checksheet.pdf"),
    ("契約終了時のデータ返却及び消去に関する手順書", "legal/exit-procedure.pdf"),
    ("お客様データの取扱いに関する規程", "legal/data-handling.pdf"),
    ("情報セキュリティ基本方針", "security/policy.html"),
    ("障害対応手順書（お客様向け概要）", "docs/incident-procedure.pdf"),
    ("事業継続計画（BCP）の概要", "company/bcp.pdf"),
    ("第三者評価報告書（概要版）", "security/assessment-summary.pdf"),
    ("ペネトレーションテスト結果概要 {year}年度", "security/pentest-{year}.pdf"),
    ("内部監査報告書（要約）", "security/internal-audit.pdf"),
    ("変更管理規程", "security/change-management.pdf"),
    ("特権ID管理規程", "security/privileged-id.pdf"),
    ("暗号鍵管理規程", "security/key-management.pdf"),
    ("ログ管理規程", "security/log-management.pdf"),
    ("ネットワーク分離に関する公表事項", "security/network-isolation.html"),
    ("規約・仕様変更のお知らせ（変更履歴）", "news/changes.html"),
    ("{svc} 導入ガイド 第{ver}版", "docs/introduction-guide.pdf"),
]

# Lead sentences per criterion id.
LEADS = {
    "CLOUD-CERT": "本サービス「{svc}」は{certs}を取得しており、いずれも認証範囲に本サービスが含まれております。",
    "CLOUD-TERMS": "「{svc}」のサービス利用規約、サービスレベル合意書（SLA）及びお客様データの取扱いに関する規程は、いずれも当社ウェブサイトで公開しております。",
    "CLOUD-JURISDICTION": "サービス利用規約第{a1}条において本契約の準拠法を日本法とし、第{a2}条において{court}を第一審の専属的合意管轄裁判所と定めております。",
    "CLOUD-REGION": "本サービスは{cloud}の{regions}で提供しており、本番データ、バックアップ、DR用の複製及びログの保存場所を{region_note}。",
    "CLOUD-RECOVERY": "SLA第{a1}条において、サービス中断時の復旧目標（目標復旧時間 {rto}時間以内、目標復旧時点 {rpo}時間以内）、復旧手順及び復旧状況の報告方法を規定しております。",
    "CLOUD-EXIT-NOTICE": "サービス利用規約第{a1}条において、サービスを終了する場合は{term}日前までに、重要な仕様を変更する場合は{chg}日前までに書面又は電子メールで通知することを定めております。",
    "CLOUD-SLA-METRICS": "SLAにおいて、月間稼働率{avail}%以上、目標復旧時間{rto}時間、目標復旧時点{rpo}時間、バックアップの取得頻度（{freq}時間ごと）及び保管期間（{ret}日間）を規定し、当社ウェブサイトで公開しております。",
    "CLOUD-NO-SECONDARY-USE": "サービス利用規約第{a1}条において、当社（再委託先を含む）は契約の履行に必要な範囲を超えてお客様データにアクセスし、又はこれを利用しないことを定めております。",
    "CLOUD-AUDIT-EVIDENCE": "情報セキュリティ対策の実施内容及び管理体制はセキュリティホワイトペーパーで公開しており、監査報告書は秘密保持契約の締結後に開示いたします。",
    "CLOUD-CHANGE-CONTROL": "本番環境への変更は、変更管理手順に基づく申請・レビュー・承認を経て実施し、特権IDは作業ごとの申請承認制で払い出しております。",
    "CLOUD-INCIDENT": "セキュリティインシデントを認知した場合は{notif}時間以内に第一報をご連絡し、以後、原因の究明及び再発防止策をご報告いたします。",
    "CLOUD-THREATS": "なりすまし、情報漏えい、改ざん、否認、権限昇格及びサービス妨害の各脅威への対策をセキュリティホワイトペーパー第{a1}章で公開しております。",
    "CLOUD-REMEDIES": "セキュリティ対策の履行が不十分であった場合の措置（是正計画の提出、期限を定めた改善、サービスクレジットの付与及び契約の解除）をSLA第{a1}条に定めております。",
    "CLOUD-TERMS-CHANGE": "サービス利用規約又は各種設定を変更する場合は、{chg}日前までに管理者ポータル及び電子メールでお知らせいたします。",
    "ACCESS-ID-LIFECYCLE": "職員IDの登録、権限の付与・変更、利用停止及び削除までを管理画面で一元的に管理できます。",
    "ACCESS-MFA": "{mfa_scope}のログインに多要素認証を必須としており、{factors}を組み合わせて認証いたします。",
    "ACCESS-OPLOG": "職員及び当社運用者の操作ログを取得し、改ざん防止措置を施したうえで{oplog}日間保存しております。",
    "ACCESS-NETWORK-PATH": "管理画面及び職員用画面へのアクセスは送信元IPアドレスで制限でき、LGWAN接続系からの接続及び閉域接続にも対応しております。",
    "CRYPTO-CRYPTREC": "保存データは{atrest}で暗号化し、通信はTLS {tls}に限定しております。",
    "ISOLATION-TENANT-NETWORK": "お客様ごとに独立した仮想ネットワークを割り当て、他の利用者のネットワーク及び通信と論理的に分離しております。",
    "CONFIG-ERROR-PREVENTION": "設定変更はコードとして管理し、レビュー承認と自動テストを経て本番環境へ適用しております。",
    "ISOLATION-VM-NETWORK": "本サービスの仮想マシンのネットワークは、{cloud}の仮想ネットワーク機能により他の利用者のネットワークと分離されております。",
    "EXIT-DELETION": "契約終了時は、データの返却完了をご確認いただいた後、全ての記録を復元不可能な状態に消去し、「データ消去証明書」を発行いたします。",
}

OPENERS = ["", "", "", "なお、", "また、", "加えて、", "具体的には、", "当社では、",
           "本サービスにおいては、", "運用面では、", "さらに、", "このほか、",
           "契約上は、", "技術的には、", "令和{era}年度以降、", "ご参考までに、"]

BODIES = [
    "{svc}の運用は{dept}が担当し、{n1}名体制で24時間365日の監視を行っております。",
    "監視項目はCPU使用率、ディスク使用率、応答時間及びエラー率の{n1}項目で、閾値を超えた場合は運用担当者へ自動で通知します。",
    "四半期ごとに運用報告会を開催し、稼働実績、障害の発生状況及び改善施策をご報告いたします。",
    "年{n3}回、外部の専門事業者によるペネトレーションテストを実施し、検出事項は重要度に応じて{n2}営業日以内に是正しております。",
    "脆弱性情報はJVN及び各製品ベンダーの公表情報を日次で確認し、緊急度の高いものは{n2}日以内に修正プログラムを適用します。",
    "本番環境へのアクセスは踏み台サーバを経由する運用とし、作業者の操作は全て録画して{n4}日間保管しております。",
    "再委託先との契約においても、当社と同等の情報セキュリティ対策の実施を義務付け、年{n3}回の監査を実施しております。",
    "お客様の職員向けに、操作研修及び情報セキュリティ研修をオンライン形式で年{n3}回提供しております。",
    "障害発生時は、第一報を{n5}分以内に管理者ポータル及び電子メールで通知し、以後{n5}分ごとに状況をご報告いたします。",
    "バックアップデータは取得元とは異なるデータセンターに暗号化した状態で保管し、月{n3}回の復元テストで復元できることを確認しております。",
    "データセンターは国内の事業者が運営する施設で、生体認証による入退室管理、監視カメラ及び警備員による常時監視を行っております。",
    "利用者の権限は、所属及び役職に応じたロールで管理し、最小権限の原則に基づいて付与しております。",
    "パスワードは{n1}文字以上とし、英大文字・英小文字・数字・記号のうち3種類以上を含むことを必須としております。",
    "一定回数（{n1}回）連続してログインに失敗した場合は、当該アカウントを自動的にロックします。",
    "管理者権限の付与及び変更は、お客様の承認者による二段階の承認を経て反映される仕組みとしております。",
    "監査証跡はハッシュチェーンにより改ざんを検知できる形式で保存し、改ざんの有無を日次で自動検証しております。",
    "ログの検索結果はCSV形式で出力でき、最大{n4}日分を一括で取得いただけます。",
    "利用規約の改定履歴は変更履歴ページで公開し、改定前後の条文を対照表でご確認いただけます。",
    "暗号鍵はハードウェアセキュリティモジュール（HSM）で生成・保管し、鍵の更新は年{n3}回実施しております。",
    "通信経路は全てTLSで暗号化し、脆弱な暗号スイートは無効化しております。",
    "設定変更の差分は自動的に記録され、変更前の状態へ{n2}分以内に切り戻すことができます。",
    "当社の情報セキュリティ委員会は四半期ごとに開催し、リスク評価の結果と対策の進捗を確認しております。",
    "従業員には入社時及び年{n3}回の情報セキュリティ教育を実施し、理解度テストで{n6}点以上を合格としております。",
    "業務委託先の選定にあたっては、情報セキュリティ対策の実施状況を評価項目{n1}項目で審査しております。",
    "サービスの稼働率は毎月集計し、前月分の実績を翌月{n2}営業日目までに管理者ポータルで公開しております。",
    "大規模災害に備え、{n1}時間以内に代替拠点でサービスを再開する手順を定め、年{n3}回の訓練で有効性を確認しております。",
    "マルウェア対策として、全てのサーバにEDR製品を導入し、検知時は自動的に隔離する設定としております。",
    "お客様からのお問い合わせはサポート窓口で平日9時から18時まで受け付け、緊急時は24時間対応いたします。",
    "サービスの仕様変更は、影響範囲を評価したうえでリリースノートとして{n2}日前までに公開しております。",
    "個人情報の取扱いについては、個人情報の保護に関する法律及び関係ガイドラインに従って適切に管理しております。",
    "特定個人情報を取り扱う機能は、他の機能とは論理的に分離した環境で提供しております。",
    "当社のCSIRTは{dept}の直下に設置し、外部のセキュリティ専門機関と連携して対応いたします。",
    "クラウド基盤の{cloud}の責任範囲と当社の責任範囲は責任共有モデルとして整理し、導入時にご説明いたします。",
    "主要な設定値は構成管理データベースで一元的に管理し、定期的に実機の設定との差異を点検しております。",
    "本番環境とテスト環境は完全に分離しており、本番データをテスト環境で使用することはありません。",
    "API経由のアクセスにはアクセストークンを用い、有効期限は{n2}時間、再発行時は旧トークンを即時に無効化します。",
    "職員の異動・退職に伴うIDの停止は、人事システムとの連携により翌営業日までに自動で反映されます。",
    "一定期間（{n4}日）利用のないIDは自動的に停止し、管理者に通知します。",
    "操作ログには操作日時、操作者ID、接続元IPアドレス、操作内容及び対象データの識別子を記録しております。",
    "時刻はNTPで同期し、全てのサーバのログの時刻のずれを{n2}秒以内に保っております。",
    "データの返却は、CSV、JSON又はPDFの各形式で、お客様の指定する方法により行います。",
    "データ消去証明書には、消去対象、消去方法、消去日時及び作業責任者を記載いたします。",
    "媒体の廃棄時は物理破壊を行い、破壊作業の写真を添付した報告書を提出いたします。",
    "SLAの未達が生じた場合は、月額利用料の{n6}%を上限としてサービスクレジットを付与いたします。",
    "稼働率の算定から除外する計画停止は、{n2}日前までに通知し、原則として夜間に実施しております。",
    "ご契約前に、本回答の内容を確認するための資料の閲覧及び質疑応答の機会を設けることが可能です。",
    "各種規程は年{n3}回見直しを行い、改定した場合は管理者ポータルでお知らせいたします。",
    "第三者による監査の結果は、指摘事項とその対応状況を含めて年次報告書として開示いたします。",
    "設定ファイル中の \"mfa_required\" 及び \"session_timeout\" の値は、管理画面から変更できないよう保護しております。",
    "ご不明な点はQ&Aページ（よくあるご質問）でもご案内しておりますので、あわせてご参照ください。",
    "利用者の端末に保存されるデータは最小限とし、ブラウザのキャッシュは無効化する設定としております。",
    "{svc}は{n7}団体以上の地方公共団体にご利用いただいており、同規模の自治体での導入実績がございます。",
    "システム間の連携にはLGWAN-ASPの接続を用い、インターネット経由の接続は利用者の申請に基づき許可しております。",
    "ウイルス定義ファイルは{n5}分ごとに更新を確認し、全ての端末とサーバに自動で配布しております。",
    "ソフトウェアの開発はセキュアコーディング規約に従い、リリース前に静的解析及び動的解析を実施しております。",
    "オープンソースソフトウェアの利用にあたっては、ライセンス及び脆弱性情報を管理台帳で管理しております。",
    "当社従業員が利用者のデータにアクセスする必要がある場合は、事前に利用者の承認を得ることとしております。",
    "定期的に机上訓練を行い、インシデント発生時の連絡体制と判断基準が機能することを確認しております。",
    "各機能の利用状況は管理者向けダッシュボードで確認でき、月次の利用状況レポートも自動で作成されます。",
]

CLOSERS = ["", "", "", "詳細は添付資料をご参照ください。", "具体的な手順は別紙のとおりです。",
           "必要に応じて契約前に詳細をご説明いたします。", "以上の内容は第三者の監査で確認を受けております。",
           "この運用は本契約の期間中継続いたします。"]

QUOTE_PREFIX = ["該当箇所の記載（抜粋）: ", "第{a1}条第{a2}項より引用: ", "{page}ページの記載: ",
                "本文より抜粋: ", "表{a2}の注記: ", ""]


# ---------------------------------------------------------------- helpers

def corporate_number(rng):
    base = [rng.randint(0, 9) for _ in range(12)]
    s = 0
    for i in range(1, 13):  # i = 1 is the last digit of the base
        s += base[12 - i] * (1 if i % 2 == 1 else 2)
    return str(9 - s % 9) + "".join(map(str, base))


def iso(d):
    return d.isoformat()


def era(d):
    """Reiwa era date, as Japanese documents write them."""
    return "令和%d年%d月%d日" % (d.year - 2018, d.month, d.day)


def weighted(rng, items):
    total = sum(w for _, w in items)
    r = rng.random() * total
    for v, w in items:
        r -= w
        if r < 0:
            return v
    return items[-1][0]


MIN_SIZE, MAX_SIZE = 5_000, 495_000


def target_size(rng):
    u = rng.random()
    if u < 0.05:
        t = math.exp(rng.uniform(math.log(5_000), math.log(30_000)))
    elif u < 0.10:
        t = math.exp(rng.uniform(math.log(200_000), math.log(500_000)))
    else:
        t = rng.lognormvariate(math.log(100_000), 0.30)
    return int(min(max(t, MIN_SIZE), MAX_SIZE))


class Ctx:
    """The reference data every file draws from (loaded once per process)."""

    def __init__(self, criteria_dir):
        with open(os.path.join(criteria_dir, "profiles", "default.json"), encoding="utf-8") as f:
            profile = json.load(f)
        self.answer_ids = [c["id"] for c in profile["criteria"]]
        self.mandatory = {c["id"] for c in profile["criteria"] if c.get("mandatory")}
        self.questions = {}
        for path in sorted(glob.glob(os.path.join(criteria_dir, "catalogue", "*.json"))):
            with open(path, encoding="utf-8") as f:
                for c in json.load(f)["criteria"]:
                    self.questions[c["id"]] = c["requirement"]["ja"]
        self.na_allowed = set()
        for path in sorted(glob.glob(os.path.join(criteria_dir, "catalogue", "*.json"))):
            with open(path, encoding="utf-8") as f:
                for c in json.load(f)["criteria"]:
                    if c.get("na_allowed"):
                        self.na_allowed.add(c["id"])
        with open(os.path.join(criteria_dir, "data", "regions.json"), encoding="utf-8") as f:
            regions = json.load(f)
        self.provider_names = {p["id"]: p["names"][0] for p in regions["providers"]}
        self.jp = {}
        self.foreign = {}
        for e in regions["entries"]:
            if len(e["countries"]) != 1:
                continue  # multi-country geographies are not a storage location
            if "closed" in e.get("name", ""):
                continue
            d = self.jp if e["countries"] == ["JP"] else self.foreign
            d.setdefault(e["provider"], []).append(e)
        with open(os.path.join(criteria_dir, "schema", "questionnaire-v1.schema.json"), encoding="utf-8") as f:
            schema = json.load(f)
        # XML item element names, keyed by the JSON member name.
        self.xml_item = {}

        def walk(node):
            if isinstance(node, dict):
                for k, v in node.get("properties", {}).items():
                    if isinstance(v, dict):
                        if "x-xml-item" in v:
                            self.xml_item[k] = v["x-xml-item"]
                        walk(v)
                        if "items" in v:
                            walk(v["items"])
        walk(schema)
        self.xml_item["evidence"] = schema["$defs"]["evidence_list"]["x-xml-item"]


class Text:
    """Japanese text of one file, with its own slot values."""

    def __init__(self, rng, slots):
        self.rng = rng
        self.slots = slots

    def fill(self, tpl):
        s = self.slots
        r = self.rng
        if "{" not in tpl:
            return tpl
        return tpl.format(
            svc=s["svc"], dept=s["dept"], cloud=s["cloud"],
            n1=r.randint(3, 16), n2=r.randint(1, 14), n3=r.randint(1, 4),
            n4=r.choice([90, 180, 365, 400, 730]), n5=r.choice([15, 30, 60]),
            n6=r.choice([10, 20, 30, 50, 80]), n7=r.randint(20, 400),
            era=r.randint(7, 9), a1=r.randint(2, 40), a2=r.randint(1, 9),
            page=r.randint(1, 120))

    def sentence(self):
        r = self.rng
        return (self.fill(r.choice(OPENERS)) + self.fill(r.choice(BODIES))
                + r.choice(CLOSERS))

    def paragraph(self, nbytes):
        """Sentences until about nbytes of UTF-8."""
        out = []
        n = 0
        while n < nbytes:
            s = self.sentence()
            out.append(s)
            n += len(s.encode("utf-8"))
        return "".join(out)

    def quote(self, nbytes):
        r = self.rng
        return (self.fill(r.choice(QUOTE_PREFIX)) + "「" + self.paragraph(nbytes) + "」")


# ---------------------------------------------------------------- document

def make_doc(ctx, rng, ref):
    stem, romaji = rng.choice(STEMS)
    product, product_romaji = rng.choice(PRODUCTS)
    vendor = rng.choice(VENDOR_FORM).format(stem + rng.choice(VENDOR_SUFFIX))
    svc = stem + product
    domain = romaji + rng.choice([".example.co.jp", ".example.jp", ".example.com"])
    slug = romaji + "-" + product_romaji
    dept = rng.choice(DEPTS)
    flaws = set()
    if rng.random() < 0.45:
        for _ in range(weighted(rng, [(1, 55), (2, 30), (3, 15)])):
            flaws.add(weighted(rng, FLAWS))
    scen = {f: f in flaws for f, _ in FLAWS}
    prov_choices = PROVIDERS
    if scen["foreign"]:
        prov_choices = [(p, w) for p, w in PROVIDERS if ctx.foreign.get(p)]
    prov = weighted(rng, [(p, w) for p, w in prov_choices if ctx.jp.get(p)])
    cloud = ctx.provider_names[prov]
    ver = "%d.%d" % (rng.randint(1, 9), rng.randint(0, 9))
    year = rng.choice([2025, 2026])
    text = Text(rng, {"svc": svc, "dept": dept, "cloud": cloud})

    def evidence(k=None):
        title, path = DOCS[rng.randrange(len(DOCS))] if k is None else DOCS[k]
        e = {"title": title.format(svc=svc, ver=ver, year=year),
             "url": "https://%s/%s" % (domain, path.format(year=year))}
        if path.endswith(".pdf"):
            e["page"] = str(rng.randint(1, 80))
        if rng.random() < 0.7:
            e["section"] = "%d.%d %s" % (rng.randint(1, 9), rng.randint(1, 9),
                                          rng.choice(["データの保存場所", "暗号化", "アクセス制御",
                                                      "ログの管理", "障害時の対応", "契約の終了",
                                                      "変更管理", "通信経路の保護", "監査"]))
        return e

    doc = {"format": "cloudvet-questionnaire/1"}
    tid, ttitle = rng.choice(TENDERS)
    doc["tender"] = {"id": tid, "title": ttitle}
    doc["vendor"] = {
        "name": vendor,
        "corporate_number": corporate_number(rng),
        "contact": {"name": dept + " " + rng.choice(PEOPLE),
                    "email": "gov-sales@" + domain,
                    "phone": "0%d-0000-%04d" % (rng.choice([3, 6, 52, 92, 11]), rng.randint(0, 9999))},
    }
    doc["service"] = {
        "name": svc,
        "model": weighted(rng, [("SaaS", 85), ("PaaS", 10), ("IaaS", 5)]),
        "version": ver,
        "underlying_cloud": {"name": cloud, "provider": PROVIDER_COMPANY[prov]},
    }
    submitted = ref - datetime.timedelta(days=rng.randint(3, 30))
    doc["submitted"] = era(submitted) if rng.random() < 0.1 else iso(submitted)

    # Certifications.
    certs = []
    schemes = []
    if rng.random() < 0.7:
        schemes.append("ISMAP")
    if rng.random() < 0.6 or not schemes:
        schemes.append("ISO/IEC 27017")
    for s, p in (("ISO/IEC 27001", 0.8), ("ISO/IEC 27018", 0.2), ("SOC 2", 0.15),
                 ("CSA STAR", 0.1), ("ISMAP-LIU", 0.05)):
        if rng.random() < p:
            schemes.append(s)
    for s in schemes:
        accepted = s in ("ISMAP", "ISO/IEC 27017")
        span = rng.choice([365, 730, 1095])
        if accepted and scen["expired"]:
            until = ref - datetime.timedelta(days=rng.randint(1, 400))
            frm = until - datetime.timedelta(days=span - 1)
        else:
            frm = ref - datetime.timedelta(days=rng.randint(30, span - 30))
            until = frm + datetime.timedelta(days=span - 1)
        if s == "ISMAP":
            cid = "C%02d-%04d-%d" % (rng.randint(21, 26), rng.randint(1, 400), rng.randint(1, 3))
            issuer = "ISMAP運営委員会"
        elif s == "ISMAP-LIU":
            cid = "L%02d-%04d-1" % (rng.randint(22, 26), rng.randint(1, 200))
            issuer = "ISMAP運営委員会"
        else:
            cid = "%s-%s%04d" % ({"ISO/IEC 27017": "CLS", "ISO/IEC 27001": "IS",
                                 "ISO/IEC 27018": "PII", "SOC 2": "SOC2",
                                 "CSA STAR": "STAR"}[s],
                                rng.choice(["", "J"]), rng.randint(1, 9999))
            issuer = rng.choice(ISSUERS_ISO)
        iaas_only = accepted and scen["cert_iaas"]
        c = {"scheme": s, "id": cid,
             "holder": PROVIDER_COMPANY[prov] if iaas_only else vendor,
             "scope": cloud if iaas_only else svc,
             "issuer": issuer,
             "valid_from": era(frm) if rng.random() < 0.05 else iso(frm),
             "valid_until": iso(until),
             "evidence": [{"title": "%s 登録証" % s,
                           "url": "https://%s/security/certificates/%s.pdf"
                                  % (domain, cid.lower()), "page": "1"}]}
        certs.append(c)
    doc["certifications"] = certs

    # Data location: regions of the underlying cloud.
    jp = ctx.jp[prov]
    primary = rng.choice(jp)
    other = rng.choice(jp)
    purposes = ["primary", "backup", "dr", "logs"]
    if scen["no_dr"]:
        purposes.remove("dr")
    storage = []
    foreign_at = rng.choice([p for p in ("backup", "dr") if p in purposes]) if scen["foreign"] else None
    for p in purposes:
        if p == foreign_at:
            e = rng.choice(ctx.foreign[prov])
        else:
            e = primary if p in ("primary", "logs") else other
        region = e["id"]
        if e.get("aliases") and rng.random() < 0.1:
            region = e["aliases"][-1]
        storage.append({"purpose": p, "country": e["countries"][0], "region": region})
    doc["data_location"] = {
        "storage": storage,
        "remote_access_countries": ["JP", rng.choice(["US", "IN", "VN", "PH"])] if scen["remote_abroad"] else ["JP"],
        "governing_law": "JP",
        "court": rng.choice(COURTS),
    }
    backup_country = next(s["country"] for s in storage if s["purpose"] == "backup")

    rto = rng.choice([1, 2, 4, 8, 12])
    rpo = rng.choice([1, 4, 12, 24])
    freq = rng.choice([1, 6, 12, 24])
    ret = rng.choice([90, 180, 365, 400])
    avail = rng.choice([99.9, 99.9, 99.95, 99.95, 99.99])
    if scen["sla"]:
        miss = rng.choice(["avail", "rto", "rpo", "ret"])
        avail = 99.5 if miss == "avail" else avail
        rto = 24 if miss == "rto" else rto
        rpo = 48 if miss == "rpo" else rpo
        ret = 30 if miss == "ret" else ret
    doc["sla"] = {
        "url": "https://%s/legal/sla.pdf" % domain,
        "published": rng.random() < 0.97,
        "availability_percent": avail,
        "measurement_period": rng.choice(["monthly", "monthly", "yearly"]),
        "rto_hours": rto, "rpo_hours": rpo,
        "recovery_defined": True,
        "backup": {"frequency_hours": freq, "retention_days": ret,
                   "country": backup_country, "offsite": rng.random() < 0.85},
        "service_credits": rng.random() < 0.8,
    }

    # Encryption.
    at_rest = []
    for _ in range(rng.choice([1, 1, 2, 2, 3])):
        a, k, m, _w = weighted(rng, [(x, x[3]) for x in AT_REST_GOOD])
        e = {"algorithm": a, "key_bits": k}
        if m:
            e["mode"] = m
        at_rest.append(e)
    if scen["weak"]:
        a, k, m = rng.choice(AT_REST_WEAK)
        e = {"algorithm": a, "key_bits": k}
        if m:
            e["mode"] = m
        at_rest.insert(rng.randrange(len(at_rest) + 1), e)
    old_tls = scen["weak"] and rng.random() < 0.5
    doc["encryption"] = {
        "at_rest": at_rest,
        "in_transit": [{
            "protocol": "TLS",
            "versions": ["1.0", "1.1", "1.2"] if old_tls else rng.choice([["1.2", "1.3"], ["1.2"], ["1.3"]]),
            "cipher_suites": rng.sample(["TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256",
                                         "TLS_CHACHA20_POLY1305_SHA256",
                                         "ECDHE-ECDSA-AES256-GCM-SHA384",
                                         "ECDHE-RSA-AES128-GCM-SHA256",
                                         "ECDHE-RSA-AES256-GCM-SHA384"], rng.randint(2, 4))
                             + (["TLS_RSA_WITH_3DES_EDE_CBC_SHA"] if old_tls else []),
        }],
        "hashes": rng.choice([["SHA-256"], ["SHA-256", "SHA-384"], ["SHA-256", "SHA-512"]])
                  + (["SHA-1"] if old_tls else []),
        "signatures": [rng.choice([{"algorithm": "ECDSA", "curve": "P-256"},
                                   {"algorithm": "RSA", "key_bits": 2048},
                                   {"algorithm": "RSA", "key_bits": 3072},
                                   {"algorithm": "ECDSA", "curve": "P-384"}])],
        "key_management": {"customer_managed_keys": rng.random() < 0.4, "hsm": rng.random() < 0.7},
    }

    factors = list(weighted(rng, MFA_BAD if scen["mfa_nobio"] else MFA_GOOD))
    scope = "administrators" if scen["mfa_admin"] else "all_users"
    oplog = rng.choice([90, 180, 365, 400, 730])
    doc["access_control"] = {
        "id_lifecycle": rng.random() < 0.97,
        "mfa": {"required": True, "scope": scope, "factors": factors},
        "ip_restriction": rng.random() < 0.9,
        "vpn": rng.random() < 0.7,
        "operation_logs": {"collected": True, "retention_days": oplog,
                           "tamper_protected": rng.random() < 0.85},
    }
    doc["isolation"] = {"tenant_network_isolated": rng.random() < 0.95,
                        "vm_network_isolated": rng.random() < 0.9,
                        "url": "https://%s/security/network-isolation.html" % domain}
    term = rng.choice([30, 60]) if scen["notice"] else rng.choice([90, 120, 180, 180])
    chg = rng.choice([30, 60, 90])
    doc["exit"] = {
        "termination_notice_days": term,
        "change_notice_days": chg,
        "data_return": {"formats": rng.sample(["CSV", "JSON", "PDF", "XML", "TSV"], rng.randint(1, 3)),
                        "method": "暗号化したファイルを専用のダウンロードサイトで提供（ご希望により暗号化した電子媒体での手渡しにも対応）"},
        "deletion": {"method": "暗号鍵の破棄による暗号化消去（NIST SP 800-88 Rev.1 準拠）及びバックアップ世代の期限到来後の完全消去",
                     "certificate": not scen["deletion"]},
    }
    notif = rng.choice([1, 2, 4, 24])
    doc["incident"] = {"notification_hours": notif, "responsibility_defined": rng.random() < 0.95,
                       "contact": "%sセキュリティ窓口（24時間365日受付） soc@%s" % (stem, domain)}

    # Answers: one per criterion of the default profile.
    cert_words = "、".join(sorted({c["scheme"] for c in certs}))
    region_words = "、".join(sorted({"%s（%s）" % (s["region"], s["country"]) for s in storage}))
    lead_slots = {
        "svc": svc, "cloud": cloud, "certs": cert_words, "regions": region_words,
        "region_note": "国内に限定しております" if not foreign_at
        else "原則として国内としておりますが、%sの複製は国外リージョンに保管しております" % foreign_at,
        "court": doc["data_location"]["court"], "rto": rto, "rpo": rpo, "term": term,
        "chg": chg, "avail": avail, "freq": freq, "ret": ret, "notif": notif,
        "mfa_scope": "全ての利用者" if scope == "all_users" else "管理者",
        "factors": "、".join(factors), "oplog": oplog,
        "atrest": "、".join("%s-%d" % (e["algorithm"], e["key_bits"]) for e in at_rest),
        "tls": "／".join(doc["encryption"]["in_transit"][0]["versions"]),
    }
    with_question = rng.random() < 0.5
    answers = []
    for aid in ctx.answer_ids:
        resp = "yes"
        if aid == "CLOUD-REGION" and foreign_at:
            resp = "partial"
        elif aid == "CLOUD-CERT" and scen["expired"]:
            resp = rng.choice(["yes", "partial"])
        else:
            u = rng.random()
            if aid not in ctx.mandatory:
                resp = "yes" if u < 0.9 else "partial" if u < 0.96 else "no" if u < 0.985 else "yes"
            if aid in ctx.na_allowed and u > 0.985:
                resp = "na"
        lead = LEADS.get(aid, "当該事項について、以下のとおり回答いたします。")
        lead_slots["a1"] = rng.randint(2, 40)
        lead_slots["a2"] = rng.randint(2, 40)
        a = {"id": aid}
        if with_question and aid in ctx.questions:
            a["question"] = ctx.questions[aid]
        a["response"] = resp
        a["explanation"] = lead.format(**lead_slots) + text.sentence()
        a["evidence"] = [evidence() for _ in range(rng.randint(1, 2))]
        answers.append(a)
    doc["answers"] = answers
    if rng.random() < 0.3:
        doc["evidence"] = [evidence(0), evidence(1)]
    return doc, slug, text, evidence


# ---------------------------------------------------------------- serialise

def esc_xml(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_scalar(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return esc_xml(str(v))


def to_xml(ctx, doc):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n',
           '<questionnaire xmlns="urn:cloudvet:questionnaire:1">\n']

    def emit(name, value, depth):
        ind = "  " * depth
        tag = name.replace("_", "-")
        if isinstance(value, dict):
            out.append("%s<%s>\n" % (ind, tag))
            for k, v in value.items():
                member(k, v, depth + 1)
            out.append("%s</%s>\n" % (ind, tag))
        else:
            out.append("%s<%s>%s</%s>\n" % (ind, tag, xml_scalar(value), tag))

    def member(k, v, depth):
        if isinstance(v, list):
            item = ctx.xml_item[k]
            for x in v:
                if k == "answers" and "question" in x:
                    # The XSD has no <question> (a JSON-only extension): the
                    # question goes in a comment, as `cloudvet template` does.
                    x = dict(x)
                    out.append("%s<!-- %s -->\n" % ("  " * depth,
                                                    x.pop("question").replace("--", "- -")))
                emit(item, x, depth)
        else:
            emit(k, v, depth)

    for k, v in doc.items():
        if k == "evidence":
            continue  # top-level evidence is in the JSON Schema, not in the XSD
        member(k, v, 1)
    out.append("</questionnaire>\n")
    return "".join(out)


def serialise(ctx, doc, form, compact):
    if form == "xml":
        return to_xml(ctx, doc).encode("utf-8")
    if compact:
        return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


# ---------------------------------------------------------------- one file

_CTX = None


def _init(criteria_dir):
    global _CTX
    _CTX = Ctx(criteria_dir)


def generate_one(args):
    index, seed, xml_share, ref, outdir = args
    ctx = _CTX
    rng = random.Random("cloudvet-bench:%s:%d" % (seed, index))
    target = target_size(rng)
    form = "xml" if rng.random() < xml_share else "json"
    compact = form == "json" and rng.random() < 0.2
    doc, slug, text, evidence = make_doc(ctx, rng, ref)
    data = serialise(ctx, doc, form, compact)
    answers = doc["answers"]
    if len(data) > target:
        # Small target: fewer words, then fewer answers.
        doc.pop("evidence", None)
        for a in answers:
            a.pop("question", None)
            a["evidence"] = a["evidence"][:1]
        data = serialise(ctx, doc, form, compact)
        if len(data) > target:
            doc["certifications"] = doc["certifications"][:2]
            for c in doc["certifications"]:
                c.pop("evidence", None)
            for a in answers:
                a["explanation"] = a["explanation"].split("。")[0] + "。"
                a.pop("evidence", None)
            data = serialise(ctx, doc, form, compact)
        while len(data) > target and len(answers) > 3:
            answers.pop(rng.randrange(len(answers)))
            data = serialise(ctx, doc, form, compact)
        while len(data) < MIN_SIZE:  # the last answer dropped was a long one
            answers[0]["explanation"] += text.sentence()
            data = serialise(ctx, doc, form, compact)
    else:
        # Grow the answers' explanations and evidence quotes to the target.
        budget = target - len(data)
        weights = [rng.expovariate(1.0) for _ in answers]
        total = sum(weights)
        for a, w in zip(answers, weights):
            share = int(budget * w / total)
            expl = int(share * rng.uniform(0.5, 0.8))
            paras = []
            left = expl
            while left > 0:
                p = text.paragraph(min(left, rng.randint(600, 3000)))
                paras.append(p)
                left -= len(p.encode("utf-8")) + 2
            if paras:
                a["explanation"] += "\n\n" + "\n\n".join(paras)
            left = share - expl
            while left > 250:
                e = evidence()
                e["note"] = text.quote(min(left - 200, rng.randint(200, 1500)))
                a["evidence"].append(e)
                left -= len(e["note"].encode("utf-8")) + 250
        data = serialise(ctx, doc, form, compact)
    name = "%05d-%s.%s" % (index, slug, form)
    with open(os.path.join(outdir, name), "wb") as f:
        f.write(data)
    return name, len(data), form


def main(argv=None):
    ap = argparse.ArgumentParser(description="Generate N synthetic cloudvet questionnaires.")
    ap.add_argument("n", type=int, help="number of submissions")
    ap.add_argument("outdir")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--xml-share", type=float, default=0.2)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1,
                    help="worker processes (the output does not depend on it)")
    ap.add_argument("--criteria", default=DEFAULT_CRITERIA)
    ap.add_argument("--ref-date", default="2026-11-21",
                    help="the evaluation date the certificate dates are drawn around")
    ap.add_argument("--quiet", action="store_true")
    a = ap.parse_args(argv)
    if a.n < 1 or not 0.0 <= a.xml_share <= 1.0:
        ap.error("N >= 1 and 0 <= --xml-share <= 1")
    ref = datetime.date.fromisoformat(a.ref_date)
    os.makedirs(a.outdir, exist_ok=True)
    work = [(i, a.seed, a.xml_share, ref, a.outdir) for i in range(1, a.n + 1)]
    if a.jobs > 1 and a.n > 50:
        import multiprocessing
        with multiprocessing.Pool(a.jobs, _init, (a.criteria,)) as pool:
            results = pool.map(generate_one, work, chunksize=16)
    else:
        _init(a.criteria)
        results = [generate_one(w) for w in work]
    if not a.quiet:
        sizes = sorted(r[1] for r in results)
        nxml = sum(1 for r in results if r[2] == "xml")
        mid = sizes[len(sizes) // 2]
        print("gen.py: %d files in %s: %.1f MB; size min %d, median %d, max %d bytes; "
              "XML %d (%.1f %%)" % (len(sizes), a.outdir, sum(sizes) / 1e6, sizes[0], mid,
                                   sizes[-1], nxml, 100.0 * nxml / len(sizes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
