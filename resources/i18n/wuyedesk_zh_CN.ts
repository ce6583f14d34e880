<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminPage</name>
    <message>
        <source>Administrator and training</source>
        <translation>管理员与培训数据</translation>
    </message>
    <message>
        <source>The administrator&apos;s account: it signs in at start, manages the other accounts, and its name stands in the audit log for its changes.</source>
        <translation>管理员账户：启动时登录，管理其他账户，其姓名记入操作日志。</translation>
    </message>
    <message>
        <source>Administrator&apos;s name</source>
        <translation>管理员姓名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <source>Also make a training database with demo data</source>
        <translation>另建一个带演示数据的培训数据库</translation>
    </message>
    <message>
        <source>A demo street (60 estates, casework) in %1, beside this database. Switch between the two from File → Recent databases; the title bar always says which one is open.</source>
        <translation>演示街道（60 个小区及案件数据）保存在 %1，与本数据库同一文件夹。可在“文件 → 最近的数据库”中切换，标题栏始终显示当前打开的是哪一个。</translation>
    </message>
    <message>
        <source>Set up the office</source>
        <translation>建立本单位</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>WuyeDesk</source>
        <translation>社区物业工作台</translation>
    </message>
    <message>
        <source>Something went wrong</source>
        <translation>程序出错</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
</context>
<context>
    <name>AssessmentPage</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>考核项目</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>满分</translation>
    </message>
    <message>
        <source>What counts</source>
        <translation>评分依据</translation>
    </message>
    <message>
        <source>Self-score</source>
        <translation>自评分</translation>
    </message>
    <message>
        <source>Figure from our data</source>
        <translation>本单位数据指标</translation>
    </message>
    <message>
        <source>Final</source>
        <translation>复核分</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>复核意见</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>数据指标</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>自评依据</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Self total</source>
        <translation>自评总分</translation>
    </message>
    <message>
        <source>Final total</source>
        <translation>复核总分</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>已复核项</translation>
    </message>
    <message>
        <source>Self-score…</source>
        <translation>自评计分…</translation>
    </message>
    <message>
        <source>Publish the default sheet</source>
        <translation>发布默认考核评分表</translation>
    </message>
    <message>
        <source>Review…</source>
        <translation>复查复核…</translation>
    </message>
    <message>
        <source>Print the result…</source>
        <translation>打印考核结果…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出为 Excel…</translation>
    </message>
    <message>
        <source>Our self-score (sheet from above)</source>
        <translation>本单位自评（上级评分表）</translation>
    </message>
    <message>
        <source>Review and ranking (our sheet)</source>
        <translation>复核和排名（本单位评分表）</translation>
    </message>
    <message>
        <source>Assessment (考核)</source>
        <translation>考核</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年度</translation>
    </message>
    <message>
        <source>No sheet for %1 yet.</source>
        <translation>%1年度还没有考核评分表。</translation>
    </message>
    <message>
        <source>%1 — issued by %2, %3 points in all</source>
        <translation>%1（%2下发，满分 %3 分）</translation>
    </message>
    <message>
        <source>%1 — %2 points in all</source>
        <translation>%1（满分 %2 分）</translation>
    </message>
    <message>
        <source>Select an item first.</source>
        <translation>请先选中一个考核项目。</translation>
    </message>
    <message>
        <source>Select an office&apos;s self-score first.</source>
        <translation>请先选中一个单位的自评。</translation>
    </message>
    <message>
        <source>Published.</source>
        <translation>已发布。</translation>
    </message>
    <message>
        <source>This office has published no sheet for the year.</source>
        <translation>本单位本年度还没有发布考核评分表。</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>User</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>All tables</source>
        <translation>全部数据表</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>账户</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>查询</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出为 Excel…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Changes (before → after)</source>
        <translation>变更内容（修改前 → 修改后）</translation>
    </message>
    <message>
        <source>%1 rows (newest first)</source>
        <translation>共 %1 条（最新的在前）</translation>
    </message>
    <message>
        <source>Export the audit log</source>
        <translation>导出操作日志</translation>
    </message>
    <message>
        <source>Excel (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
</context>
<context>
    <name>BackupsPage</name>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>A backup is taken at the first start of each day and before every import; kept: 7 daily, 4 weekly, 12 monthly. Keys are sealed beside a backup taken with a passphrase (wuye backup --passphrase-file).</source>
        <translation>每天第一次启动时和每次导入前自动备份；保留最近 7 天、4 周、12 个月的备份。用口令备份（wuye backup --passphrase-file）时，本单位密钥加密后随备份保存。</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>立即备份</translation>
    </message>
    <message>
        <source>Restore the selected backup…</source>
        <translation>恢复所选备份…</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Size (KB)</source>
        <translation>大小（KB）</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>记录数</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>Restoring</source>
        <translation>正在恢复备份</translation>
    </message>
    <message>
        <source>Backed up: %1</source>
        <translation>已备份：%1</translation>
    </message>
    <message>
        <source>Backing up</source>
        <translation>正在备份</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>恢复备份</translation>
    </message>
    <message>
        <source>Select a backup first.</source>
        <translation>请先选择一份备份。</translation>
    </message>
    <message>
        <source>Put the backup of %1 in place of the current data? The current file is kept aside; the program closes afterwards.</source>
        <translation>用 %1 的备份替换当前数据吗？当前数据库文件会另存保留；恢复后程序将关闭。</translation>
    </message>
    <message>
        <source>Restore failed</source>
        <translation>恢复失败</translation>
    </message>
    <message>
        <source>Restored. The replaced file is kept as %1. Open the program again.</source>
        <translation>已恢复。被替换的文件另存为 %1。请重新打开程序。</translation>
    </message>
</context>
<context>
    <name>BuildingForm</name>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>New building</source>
        <translation>新建楼栋</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Building name</source>
        <translation>楼栋名称</translation>
    </message>
    <message>
        <source>e.g. 1号楼</source>
        <translation>如 1号楼</translation>
    </message>
    <message>
        <source>Floors</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Has a lift</source>
        <translation>有电梯</translation>
    </message>
</context>
<context>
    <name>BuildingsPage</name>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Floors</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Lift</source>
        <translation>电梯</translation>
    </message>
    <message>
        <source>Search building or estate (Ctrl+F)</source>
        <translation>搜索楼栋或小区（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>CasePage</name>
    <message>
        <source>Overdue only</source>
        <translation>只看逾期</translation>
    </message>
</context>
<context>
    <name>CircularForm</name>
    <message>
        <source>New circular (通报)</source>
        <translation>新建通报</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Offices named (codes)</source>
        <translation>被通报单位（区划代码）</translation>
    </message>
    <message>
        <source>Companies named</source>
        <translation>被通报物业企业</translation>
    </message>
    <message>
        <source>Committees named</source>
        <translation>被通报业主委员会</translation>
    </message>
    <message>
        <source>Several: separate them with 、</source>
        <translation>多个时用“、”分隔</translation>
    </message>
    <message>
        <source>Facts</source>
        <translation>基本情况</translation>
    </message>
    <message>
        <source>Decision and requirements</source>
        <translation>处理决定和工作要求</translation>
    </message>
    <message>
        <source>Left empty: the usual wording</source>
        <translation>不填时按表扬或批评用通用表述</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>发文字号</translation>
    </message>
    <message>
        <source>e.g. 相物管办〔2026〕6号</source>
        <translation>例如 相物管办〔2026〕6号</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发文日期</translation>
    </message>
    <message>
        <source>Escalate interview %1 to a circular</source>
        <translation>约谈 %1 升级为通报</translation>
    </message>
</context>
<context>
    <name>CommitteeAccountForm</name>
    <message>
        <source>Committee accounts</source>
        <translation>委员会账目</translation>
    </message>
    <message>
        <source>New accounts</source>
        <translation>新增账目</translation>
    </message>
    <message>
        <source>Type to find an estate</source>
        <translation>输入小区名称查找</translation>
    </message>
    <message>
        <source>Committee</source>
        <translation>委员会</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>e.g. 2026-Q3, 2026-H1, 2026-07 or 2026</source>
        <translation>如 2026-Q3、2026-H1、2026-07 或 2026</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>项目</translation>
    </message>
    <message>
        <source>Amount (yuan)</source>
        <translation>金额（元）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Add line</source>
        <translation>添加一行</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除所选行</translation>
    </message>
</context>
<context>
    <name>CommitteeForm</name>
    <message>
        <source>Committee</source>
        <translation>委员会</translation>
    </message>
    <message>
        <source>New committee</source>
        <translation>新建委员会</translation>
    </message>
    <message>
        <source>Type to find an estate</source>
        <translation>输入小区名称查找</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Term number</source>
        <translation>届次</translation>
    </message>
    <message>
        <source>Elected on</source>
        <translation>选举日期</translation>
    </message>
    <message>
        <source>Term starts</source>
        <translation>任期开始</translation>
    </message>
    <message>
        <source>Term ends</source>
        <translation>任期结束</translation>
    </message>
    <message>
        <source>Filed on</source>
        <translation>备案日期</translation>
    </message>
    <message>
        <source>First meeting on</source>
        <translation>首次会议日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Party member</source>
        <translation>党员</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <source>Eligibility checks</source>
        <translation>资格审查</translation>
    </message>
    <message>
        <source>Add member</source>
        <translation>添加成员</translation>
    </message>
    <message>
        <source>Remove member</source>
        <translation>删除成员</translation>
    </message>
    <message>
        <source>Eligibility checks…</source>
        <translation>资格审查…</translation>
    </message>
    <message>
        <source>Recommendation and review stages: record who checked each condition, and when</source>
        <translation>推荐关、审核关：逐项记录审查人和审查日期</translation>
    </message>
    <message>
        <source>Party members %1 of %2 seated (%3)</source>
        <translation>党员 %1 人 / 委员 %2 人（%3）</translation>
    </message>
    <message>
        <source>Task 4 asks for at least 50%</source>
        <translation>行动方案要求党员比例不低于50%</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>提醒：%1</translation>
    </message>
</context>
<context>
    <name>CommitteeRecordsPage</name>
    <message>
        <source>Duty list (履职清单)</source>
        <translation>履职清单</translation>
    </message>
    <message>
        <source>Negative list (负面清单)</source>
        <translation>负面清单</translation>
    </message>
</context>
<context>
    <name>CommitteesPage</name>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>届次</translation>
    </message>
    <message>
        <source>Term starts</source>
        <translation>任期开始</translation>
    </message>
    <message>
        <source>Term ends</source>
        <translation>任期结束</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>委员人数</translation>
    </message>
    <message>
        <source>Party share</source>
        <translation>党员比例</translation>
    </message>
    <message>
        <source>Filed on</source>
        <translation>备案日期</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Accounts…</source>
        <translation>账目公示…</translation>
    </message>
    <message>
        <source>Enter the selected committee&apos;s accounts of a period, for its public notice</source>
        <translation>录入所选委员会一期的账目，用于公示</translation>
    </message>
    <message>
        <source>Print accounts notice…</source>
        <translation>打印账目公示…</translation>
    </message>
    <message>
        <source>Print the selected committee&apos;s accounts of a period as a public notice</source>
        <translation>把所选委员会某一期的账目打印为公示（每次打印为新的一版）</translation>
    </message>
    <message>
        <source>Print accounts notice</source>
        <translation>打印账目公示</translation>
    </message>
    <message>
        <source>This committee has no accounts yet: enter a period&apos;s with Accounts…</source>
        <translation>该委员会还没有账目：请先用“账目公示…”录入一期账目</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Search estate or community (Ctrl+F)</source>
        <translation>搜索小区或社区（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>CompaniesPage</name>
    <message>
        <source>Company</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Party organisation</source>
        <translation>党组织</translation>
    </message>
    <message>
        <source>Market status</source>
        <translation>市场状态</translation>
    </message>
    <message>
        <source>Any party organisation</source>
        <translation>全部党组织情况</translation>
    </message>
    <message>
        <source>Any market status</source>
        <translation>全部市场状态</translation>
    </message>
    <message>
        <source>Credit record…</source>
        <translation>信用档案…</translation>
    </message>
    <message>
        <source>Search company, credit code or legal representative (Ctrl+F)</source>
        <translation>搜索企业名称、信用代码或法定代表人（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>CompanyForm</name>
    <message>
        <source>Property company</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>New company</source>
        <translation>新建物业企业</translation>
    </message>
    <message>
        <source>Company name</source>
        <translation>企业名称</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>18 characters, e.g. 91340603MA2W000184</source>
        <translation>18位，例如 91340603MA2W000184</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Contact phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Party organisation</source>
        <translation>党组织</translation>
    </message>
    <message>
        <source>Party organisation since</source>
        <translation>党组织建立日期</translation>
    </message>
    <message>
        <source>Credit</source>
        <translation>信用</translation>
    </message>
    <message>
        <source>Market status</source>
        <translation>市场状态</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>职业资格证书</translation>
    </message>
    <message>
        <source>Estate served</source>
        <translation>服务小区</translation>
    </message>
    <message>
        <source>New staff member…</source>
        <translation>新增人员…</translation>
    </message>
    <message>
        <source>Edit staff member…</source>
        <translation>编辑人员…</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>从业人员</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Contract state</source>
        <translation>合同状态</translation>
    </message>
    <message>
        <source>Selection method</source>
        <translation>选聘方式</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>收费标准（元/㎡·月）</translation>
    </message>
    <message>
        <source>Project manager</source>
        <translation>项目负责人</translation>
    </message>
    <message>
        <source>New contract…</source>
        <translation>新增合同…</translation>
    </message>
    <message>
        <source>Edit contract…</source>
        <translation>编辑合同…</translation>
    </message>
    <message>
        <source>Service contracts</source>
        <translation>服务合同</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不详</translation>
    </message>
    <message>
        <source>indefinite</source>
        <translation>不定期</translation>
    </message>
    <message>
        <source>Computed from credit records once the company is saved</source>
        <translation>保存企业后按信用记录计算</translation>
    </message>
    <message>
        <source>%1 points, grade %2 (from %3 current credit records)</source>
        <translation>信用分 %1，等级 %2（按 %3 条有效信用记录计算）</translation>
    </message>
</context>
<context>
    <name>ComplaintForm</name>
    <message>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>New complaint</source>
        <translation>新建投诉</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Complainant</source>
        <translation>投诉人</translation>
    </message>
    <message>
        <source>Complainant&apos;s phone</source>
        <translation>投诉人电话</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>(no company)</source>
        <translation>（无物业企业）</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>What was complained of</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次响应时间</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <source>Call-back on</source>
        <translation>回访日期</translation>
    </message>
    <message>
        <source>(not asked yet)</source>
        <translation>（尚未回访）</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Turn into a problem</source>
        <translation>转为问题</translation>
    </message>
    <message>
        <source>Problems opened from it: %1</source>
        <translation>据此建立的问题：%1</translation>
    </message>
</context>
<context>
    <name>ComplaintsPage</name>
    <message>
        <source>Received</source>
        <translation>受理时间</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>办结时间</translation>
    </message>
    <message>
        <source>Satisfaction</source>
        <translation>满意度</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>超时</translation>
    </message>
    <message>
        <source>Open and closed</source>
        <translation>全部投诉</translation>
    </message>
    <message>
        <source>Open only</source>
        <translation>未办结</translation>
    </message>
    <message>
        <source>Closed only</source>
        <translation>已办结</translation>
    </message>
    <message>
        <source>All estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>All companies</source>
        <translation>全部物业企业</translation>
    </message>
    <message>
        <source>Search complaint or outcome (Ctrl+F)</source>
        <translation>搜索投诉内容或处理结果（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>CompletenessPanel</name>
    <message>
        <source>Period reports</source>
        <translation>报表上报情况</translation>
    </message>
    <message>
        <source>Submit (上报)</source>
        <translation>上报</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>接收</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>审核通过</translation>
    </message>
    <message>
        <source>Return…</source>
        <translation>退回…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>报送期</translation>
    </message>
    <message>
        <source>Office below</source>
        <translation>下级单位</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应报</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>已报</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>逾期上报</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>逾期未报</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>Last package</source>
        <translation>最近数据包</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>上报时间</translation>
    </message>
    <message>
        <source>Timeliness</source>
        <translation>按时情况</translation>
    </message>
    <message>
        <source>Round</source>
        <translation>上报次数</translation>
    </message>
    <message>
        <source>Last review</source>
        <translation>最近审核意见</translation>
    </message>
    <message>
        <source>Not submitted yet; due by %1</source>
        <translation>尚未上报，截止 %1</translation>
    </message>
    <message>
        <source>Due by %1</source>
        <translation>截止 %1</translation>
    </message>
    <message>
        <source>Locked: the street has accepted this report. To correct it, ask the street to return it.</source>
        <translation>已锁定：街道已接收本报表。如需更正，请联系街道退回。</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已上报</translation>
    </message>
    <message>
        <source>Due by %1 · expected %2 · received %3 · on time %4 · late %5 · missing %6</source>
        <translation>截止 %1 · 应报 %2 · 已报 %3 · 按时 %4 · 逾期上报 %5 · 逾期未报 %6</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Not submitted</source>
        <translation>未上报</translation>
    </message>
    <message>
        <source>%1 (locked)</source>
        <translation>%1（已锁定）</translation>
    </message>
    <message>
        <source>none received</source>
        <translation>未收到</translation>
    </message>
    <message>
        <source> (gap)</source>
        <translation>（缺包）</translation>
    </message>
    <message>
        <source>Submitted: it goes up with the next package.</source>
        <translation>已上报：随下一个数据包报送上级。</translation>
    </message>
    <message>
        <source>Return the report</source>
        <translation>退回报表</translation>
    </message>
    <message>
        <source>Why is it returned? (required)</source>
        <translation>退回原因（必填）：</translation>
    </message>
    <message>
        <source>%1: %2. It goes down to the community with the next package down (下发).</source>
        <translation>%1：已%2。审核意见将随下一个下发数据包送达社区。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>ConflictsTab</name>
    <message>
        <source>Show &amp;all conflicts, settled ones too</source>
        <translation>显示全部冲突，包括已处理的(&amp;A)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Rev</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>所属单位</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>发现时间</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>&amp;Keep the current row</source>
        <translation>保留当前(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;Take the other version</source>
        <translation>采用另一版本(&amp;T)</translation>
    </message>
    <message>
        <source>this office</source>
        <translation>本单位</translation>
    </message>
    <message>
        <source>open</source>
        <translation>未处理</translation>
    </message>
    <message>
        <source>No conflict selected.</source>
        <translation>未选择冲突。</translation>
    </message>
    <message>
        <source>%1 “%2”, rev %3: the row as it stands here, and the other version of the same rev that was kept</source>
        <translation>%1“%2”，版本 %3：本单位当前的记录，与同一版本号下保留的另一版本</translation>
    </message>
    <message>
        <source>  %1: current %2 | other version %3</source>
        <translation>  %1：当前 %2 ｜ 另一版本 %3</translation>
    </message>
    <message>
        <source>This office owns the row: taking the other version saves it as a new revision, which travels upward with the next package.</source>
        <translation>这条记录属于本单位：采用另一版本会把它保存为新版本，并随下一个数据包上报。</translation>
    </message>
    <message>
        <source>The row belongs to office %1: only that office can change it, so here the conflict can only be acknowledged by keeping the current row. If the other version is right, ask %1 to correct the row and send it again.</source>
        <translation>这条记录属于单位 %1，只有该单位能修改，本单位只能选择“保留当前”确认此冲突。如果另一版本才是对的，请单位 %1 修改后重新上报。</translation>
    </message>
    <message>
        <source>Select a conflict first.</source>
        <translation>请先选择一个冲突。</translation>
    </message>
    <message>
        <source>Conflict %1 (%2) settled: %3</source>
        <translation>冲突 %1（%2）已处理：%3</translation>
    </message>
</context>
<context>
    <name>ContractForm</name>
    <message>
        <source>Service contract</source>
        <translation>物业服务合同</translation>
    </message>
    <message>
        <source>New contract</source>
        <translation>新增服务合同</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>End (empty: indefinite)</source>
        <translation>结束日期（空为不定期）</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>合同状态</translation>
    </message>
    <message>
        <source>Selection method</source>
        <translation>选聘方式</translation>
    </message>
    <message>
        <source>Fee (yuan/m²·month)</source>
        <translation>收费标准（元/㎡·月）</translation>
    </message>
    <message>
        <source>Project manager</source>
        <translation>项目负责人</translation>
    </message>
    <message>
        <source>Project manager&apos;s phone</source>
        <translation>项目负责人电话</translation>
    </message>
</context>
<context>
    <name>CreatePage</name>
    <message>
        <source>Setting up</source>
        <translation>正在设置</translation>
    </message>
    <message>
        <source>Making the office and its keys…</source>
        <translation>正在建立本单位并生成密钥…</translation>
    </message>
</context>
<context>
    <name>CreditDialog</name>
    <message>
        <source>Credit record</source>
        <translation>信用档案</translation>
    </message>
    <message>
        <source>Score, band, lists and items as they stand on this day</source>
        <translation>按这一天计算的信用分、等级、守信/失信名单和各条记录</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>分值</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Counted until</source>
        <translation>计分至</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Add credit item…</source>
        <translation>登记信用记录…</translation>
    </message>
    <message>
        <source>Remove from the market…</source>
        <translation>清出市场…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>计算日期</translation>
    </message>
    <message>
        <source>Credit record: %1</source>
        <translation>信用档案：%1</translation>
    </message>
    <message>
        <source>trustworthy list</source>
        <translation>列入守信名单</translation>
    </message>
    <message>
        <source>untrustworthy list</source>
        <translation>列入失信名单</translation>
    </message>
    <message>
        <source>on neither list</source>
        <translation>未列入守信、失信名单</translation>
    </message>
    <message>
        <source>Score %1, band %2, %3; good points %4, bad points %5 (as of %6)</source>
        <translation>信用分 %1，等级 %2，%3；加分 %4，扣分 %5（计算日期 %6）</translation>
    </message>
    <message>
        <source>Removed from the market: %1</source>
        <translation>清出市场：%1</translation>
    </message>
    <message>
        <source> (lapsed)</source>
        <translation>（已过期）</translation>
    </message>
    <message>
        <source>derived</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>typed</source>
        <translation>录入</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Not printed</source>
        <translation>未能打印</translation>
    </message>
    <message>
        <source>Printed: %1</source>
        <translation>已生成：%1</translation>
    </message>
</context>
<context>
    <name>CreditItemForm</name>
    <message>
        <source>New credit item</source>
        <translation>登记信用记录</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>依据</translation>
    </message>
    <message>
        <source>Document number, finding or evaluation</source>
        <translation>文号、查处或评价情况</translation>
    </message>
    <message>
        <source>Points (blank: the kind&apos;s default)</source>
        <translation>分值（空：按类别默认）</translation>
    </message>
    <message>
        <source>Counted until (blank: one year)</source>
        <translation>计分至（空：一年）</translation>
    </message>
</context>
<context>
    <name>CrossPostForm</name>
    <message>
        <source>Cross-post</source>
        <translation>交叉任职</translation>
    </message>
    <message>
        <source>New cross-post</source>
        <translation>新建交叉任职</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>任职方向</translation>
    </message>
    <message>
        <source>Post in the community committees</source>
        <translation>社区两委职务</translation>
    </message>
    <message>
        <source>Serves on</source>
        <translation>任职单位</translation>
    </message>
    <message>
        <source>Post on the committee or company</source>
        <translation>任职职务</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>任职起始日期</translation>
    </message>
    <message>
        <source>Until (empty: serving)</source>
        <translation>任职截止日期（空：仍在任）</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
</context>
<context>
    <name>CrossPostPage</name>
    <message>
        <source>Community</source>
        <translation>所属社区</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>任职方向</translation>
    </message>
    <message>
        <source>Post in the community committees</source>
        <translation>社区两委职务</translation>
    </message>
    <message>
        <source>Serves on</source>
        <translation>任职单位</translation>
    </message>
    <message>
        <source>Post on the committee or company</source>
        <translation>任职职务</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>任职起始日期</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>任职截止日期</translation>
    </message>
    <message>
        <source>Search estate, name or post (Ctrl+F)</source>
        <translation>搜索小区、姓名或职务（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>DamagedFile</name>
    <message>
        <source>Damaged database file</source>
        <translation>数据库文件已损坏</translation>
    </message>
    <message>
        <source>SQLite finds %1 damaged (%2) and there is no good backup beside it. Copy the file somewhere safe before anything else.</source>
        <translation>SQLite 检查发现 %1 已损坏（%2），且旁边没有完好的备份。请先把该文件复制到安全的地方，再做其他操作。</translation>
    </message>
    <message>
        <source>SQLite finds %1 damaged (%2). Put the latest good backup, of %3, in its place? The damaged file is kept in the backups folder.</source>
        <translation>SQLite 检查发现 %1 已损坏（%2）。是否用最近一份完好的备份（%3）替换它？损坏的文件会保留在备份文件夹中。</translation>
    </message>
</context>
<context>
    <name>DemonstrationForm</name>
    <message>
        <source>Demonstration project</source>
        <translation>红色物业示范项目</translation>
    </message>
    <message>
        <source>New demonstration project</source>
        <translation>新建红色物业示范项目</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>命名级别</translation>
    </message>
    <message>
        <source>Named on</source>
        <translation>命名日期</translation>
    </message>
    <message>
        <source>Named by (document)</source>
        <translation>命名单位或文号</translation>
    </message>
    <message>
        <source>Revoked from (empty: not revoked)</source>
        <translation>撤销日期（空：未撤销）</translation>
    </message>
    <message>
        <source>New review on</source>
        <translation>本次复核日期</translation>
    </message>
    <message>
        <source>Review result</source>
        <translation>复核结果</translation>
    </message>
    <message>
        <source>Review notes</source>
        <translation>复核意见</translation>
    </message>
</context>
<context>
    <name>DemonstrationPage</name>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>命名级别</translation>
    </message>
    <message>
        <source>Named on</source>
        <translation>命名日期</translation>
    </message>
    <message>
        <source>Named by (document)</source>
        <translation>命名单位或文号</translation>
    </message>
    <message>
        <source>Last review</source>
        <translation>最近复核</translation>
    </message>
    <message>
        <source>Review result</source>
        <translation>复核结果</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Search estate, company or document (Ctrl+F)</source>
        <translation>搜索小区、企业或文号（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>DisclosurePage</name>
    <message>
        <source>Type to find an estate</source>
        <translation>输入小区名称查找</translation>
    </message>
    <message>
        <source>Boards never printed, expired, or changed since printed</source>
        <translation>从未打印、已过期或内容已变化的公示栏</translation>
    </message>
    <message>
        <source>Estates</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>To reprint</source>
        <translation>待更新</translation>
    </message>
    <message>
        <source>Choose an estate on the left.</source>
        <translation>请在左侧选择小区。</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>公示栏</translation>
    </message>
    <message>
        <source>On the wall</source>
        <translation>在用版本</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效至</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Empty: taken from the ledgers, or （待填写） if they lack it</source>
        <translation>留空则取台账数据；台账也没有时印“（待填写）”</translation>
    </message>
    <message>
        <source>Empty: from the ledgers</source>
        <translation>留空则取台账数据</translation>
    </message>
    <message>
        <source>Empty: the company&apos;s contact phone</source>
        <translation>留空则用物业企业联系电话</translation>
    </message>
    <message>
        <source>The project manager agrees to publish the mobile</source>
        <translation>项目负责人同意公开手机号码（已取得书面同意）</translation>
    </message>
    <message>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <source>Save texts</source>
        <translation>保存内容</translation>
    </message>
    <message>
        <source>Keep these texts for this board&apos;s next prints</source>
        <translation>保存后，本公示栏以后的打印都使用这些内容</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>打印时间</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>公示期</translation>
    </message>
    <message>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <source>Masked</source>
        <translation>已脱敏</translation>
    </message>
    <message>
        <source>Unmasked (internal use)</source>
        <translation>不脱敏（仅限内部使用）</translation>
    </message>
    <message>
        <source>Print personal phones in clear; the print is recorded in the audit log</source>
        <translation>个人电话以明文打印；本次打印将记入操作日志</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为PDF…</translation>
    </message>
    <message>
        <source>Batch…</source>
        <translation>批量打印…</translation>
    </message>
    <message>
        <source>All boards of this estate…</source>
        <translation>本小区全部公示栏（含各楼栋）…</translation>
    </message>
    <message>
        <source>All estates of this community, with their buildings…</source>
        <translation>本社区全部小区（含各楼栋）…</translation>
    </message>
    <message>
        <source>What the board says</source>
        <translation>公示内容</translation>
    </message>
    <message>
        <source>Prints of this board</source>
        <translation>本公示栏的打印记录</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>NO (internal)</source>
        <translation>否（内部使用）</translation>
    </message>
    <message>
        <source>To reprint (%1)</source>
        <translation>待更新（%1）</translation>
    </message>
    <message>
        <source>Texts saved.</source>
        <translation>公示内容已保存。</translation>
    </message>
    <message>
        <source>Saving the texts</source>
        <translation>正在保存公示内容</translation>
    </message>
    <message>
        <source>Drawing the board</source>
        <translation>正在生成公示栏</translation>
    </message>
    <message>
        <source>Preview of version %1; printing or saving records it.</source>
        <translation>预览的是第%1版；打印或另存后才记录为新版本。</translation>
    </message>
    <message>
        <source>Printing the board</source>
        <translation>正在打印公示栏</translation>
    </message>
    <message>
        <source>Printing boards</source>
        <translation>正在批量生成公示栏</translation>
    </message>
    <message>
        <source>Unmasked print</source>
        <translation>不脱敏打印</translation>
    </message>
    <message>
        <source>This print shows personal phone numbers in clear. It is for internal use only and will be recorded in the audit log. Print it?</source>
        <translation>本次打印将以明文显示个人电话号码，仅限内部使用，并记入操作日志。确定打印吗？</translation>
    </message>
    <message>
        <source>Version %1 sent to the printer (%2 page(s)).</source>
        <translation>第%1版已送打印机（共%2页）。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Saved %1 board(s) to %2</source>
        <translation>已将%1张公示栏保存到：%2</translation>
    </message>
    <message>
        <source>Cancelled; nothing was recorded.</source>
        <translation>已取消，未记录任何打印。</translation>
    </message>
    <message>
        <source>Not printed: %1 (%2)</source>
        <translation>未打印：%1（%2）</translation>
    </message>
</context>
<context>
    <name>DispatchPage</name>
    <message>
        <source>Kind</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Issued by</source>
        <translation>下达单位</translation>
    </message>
    <message>
        <source>From</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>To</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Report due</source>
        <translation>报送时间</translation>
    </message>
    <message>
        <source>e.g. 冬季供暖每日调度</source>
        <translation>如：冬季供暖每日调度</translation>
    </message>
    <message>
        <source>As the data says</source>
        <translation>按默认规定</translation>
    </message>
    <message>
        <source>Start the campaign</source>
        <translation>开启调度</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Weekly report due on</source>
        <translation>周报报送日</translation>
    </message>
    <message>
        <source>Start a campaign (调度)</source>
        <translation>开启调度</translation>
    </message>
    <message>
        <source>Dispatch (调度)</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>Monday</source>
        <translation>周一</translation>
    </message>
    <message>
        <source>Tuesday</source>
        <translation>周二</translation>
    </message>
    <message>
        <source>Wednesday</source>
        <translation>周三</translation>
    </message>
    <message>
        <source>Thursday</source>
        <translation>周四</translation>
    </message>
    <message>
        <source>Friday</source>
        <translation>周五</translation>
    </message>
    <message>
        <source>Saturday</source>
        <translation>周六</translation>
    </message>
    <message>
        <source>Sunday</source>
        <translation>周日</translation>
    </message>
    <message>
        <source>Campaigns received from above: the reports this community owes.</source>
        <translation>上级下达的调度：本社区应报送的周报、日报。</translation>
    </message>
    <message>
        <source>Campaigns this office issued to the offices below.</source>
        <translation>本单位向下级下达的调度。</translation>
    </message>
    <message>
        <source>this office</source>
        <translation>本单位</translation>
    </message>
    <message>
        <source>the same day</source>
        <translation>当天</translation>
    </message>
    <message>
        <source>as the data says</source>
        <translation>按默认规定</translation>
    </message>
    <message>
        <source>Started: it goes down to the offices below with the next package down (下发).</source>
        <translation>已开启：随下一次下发数据包送达下级单位。</translation>
    </message>
</context>
<context>
    <name>DownTab</name>
    <message>
        <source>Send the tasks, interviews, circulars and campaigns this office issued or received from above to the offices below: one package per office. Each office imports its package and sends back the receipt (tab Receipts).</source>
        <translation>把本单位交办或从上级收到的督办事项、约谈、通报和调度下发给下级单位：每个单位一个数据包。各单位导入自己的数据包后交回回执（在“回执”页导入）。</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>下发给(&amp;T)：</translation>
    </message>
    <message>
        <source>The folder to write the packages into</source>
        <translation>数据包写入的文件夹</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>浏览(&amp;W)…</translation>
    </message>
    <message>
        <source>Fo&amp;lder:</source>
        <translation>文件夹(&amp;L)：</translation>
    </message>
    <message>
        <source>Write pac&amp;kages</source>
        <translation>写出数据包(&amp;K)</translation>
    </message>
    <message numerus="yes">
        <source>Every office directly below (%n)</source>
        <translation>
            <numerusform>全部直接下级单位（%n 个）</numerusform>
        </translation>
    </message>
    <message>
        <source>No office below has onboarded yet (tab Onboarding)</source>
        <translation>还没有完成入网的下级单位（见“入网”页）</translation>
    </message>
    <message>
        <source>Send down</source>
        <translation>下发</translation>
    </message>
    <message>
        <source>The folder %1 does not exist: make it first or choose another.</source>
        <translation>文件夹 %1 不存在：请先建好或另选一个。</translation>
    </message>
    <message>
        <source>Cancelled: no package was written.</source>
        <translation>已取消：没有写出数据包。</translation>
    </message>
    <message>
        <source>Writing the packages for the offices below</source>
        <translation>正在写出下发给下级单位的数据包</translation>
    </message>
    <message>
        <source>%1: %2 rows → %3</source>
        <translation>%1：%2 行 → %3</translation>
    </message>
    <message>
        <source>Nothing new for %1: no package written.</source>
        <translation>%1 没有新内容：未写出数据包。</translation>
    </message>
    <message>
        <source>Carry each package to its office; import the receipts they send back in the Receipts tab.</source>
        <translation>请把每个数据包交给对应单位；对方交回的回执在“回执”页导入。</translation>
    </message>
</context>
<context>
    <name>Drafts</name>
    <message>
        <source>Unsaved drafts</source>
        <translation>未保存的草稿</translation>
    </message>
    <message>
        <source>The program closed while %1 form(s) had unsaved changes: %2. Open them again with what was typed?</source>
        <translation>程序上次关闭时有 %1 个表单的修改尚未保存：%2。是否重新打开，恢复当时填写的内容？</translation>
    </message>
</context>
<context>
    <name>DueListModel</name>
    <message>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>Due within 2 working days</source>
        <translation>2个工作日内到期</translation>
    </message>
</context>
<context>
    <name>DutyForm</name>
    <message>
        <source>Duty record</source>
        <translation>履职记录</translation>
    </message>
    <message>
        <source>New duty record</source>
        <translation>新建履职记录</translation>
    </message>
</context>
<context>
    <name>DutyPage</name>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>届次</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Duty</source>
        <translation>履职事项</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>具体情况</translation>
    </message>
    <message>
        <source>Search estate or category (Ctrl+F)</source>
        <translation>搜索小区或类别（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>EstateForm</name>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>New estate</source>
        <translation>新建小区</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Estate name</source>
        <translation>小区名称</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Management type</source>
        <translation>管理类型</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋数</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>建筑面积（㎡）</translation>
    </message>
    <message>
        <source>Year built</source>
        <translation>建成年份</translation>
    </message>
    <message>
        <source>Property fee (yuan/m²·month)</source>
        <translation>物业费（元/㎡·月）</translation>
    </message>
    <message>
        <source>Service grade</source>
        <translation>服务等级</translation>
    </message>
    <message>
        <source>Facilities</source>
        <translation>配套设施</translation>
    </message>
    <message>
        <source>Elevators</source>
        <translation>电梯（部）</translation>
    </message>
    <message>
        <source>Parking spaces</source>
        <translation>车位（个）</translation>
    </message>
    <message>
        <source>EV chargers</source>
        <translation>充电桩（个）</translation>
    </message>
    <message>
        <source>Has a property management room</source>
        <translation>有物业管理用房</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>小区类别</translation>
    </message>
    <message>
        <source>Old estate</source>
        <translation>老旧小区</translation>
    </message>
    <message>
        <source>Resettlement estate</source>
        <translation>安置小区</translation>
    </message>
    <message>
        <source>Affordable housing</source>
        <translation>保障性住房</translation>
    </message>
    <message>
        <source>Should form an owners&apos; committee</source>
        <translation>应组建业主委员会</translation>
    </message>
    <message>
        <source>Buildings of the estate</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Service contracts</source>
        <translation>服务合同</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Floors</source>
        <translation>层数</translation>
    </message>
    <message>
        <source>Lift</source>
        <translation>电梯</translation>
    </message>
    <message>
        <source>Add building</source>
        <translation>添加楼栋</translation>
    </message>
    <message>
        <source>Remove building</source>
        <translation>删除楼栋</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>End</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Contract state</source>
        <translation>合同状态</translation>
    </message>
    <message>
        <source>Selection method</source>
        <translation>选聘方式</translation>
    </message>
    <message>
        <source>Fee</source>
        <translation>收费标准（元/㎡·月）</translation>
    </message>
    <message>
        <source>Project manager</source>
        <translation>项目负责人</translation>
    </message>
    <message>
        <source>New contract…</source>
        <translation>新增合同…</translation>
    </message>
    <message>
        <source>Edit contract…</source>
        <translation>编辑合同…</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>不详</translation>
    </message>
    <message>
        <source>indefinite</source>
        <translation>不定期</translation>
    </message>
</context>
<context>
    <name>EstatePicker</name>
    <message>
        <source>Type to find an estate</source>
        <translation>输入小区名查找</translation>
    </message>
    <message>
        <source>(no estate)</source>
        <translation>（不指定小区）</translation>
    </message>
</context>
<context>
    <name>EstatesPage</name>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Management type</source>
        <translation>管理类型</translation>
    </message>
    <message>
        <source>Households</source>
        <translation>户数</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋数</translation>
    </message>
    <message>
        <source>Floor area (m²)</source>
        <translation>建筑面积（㎡）</translation>
    </message>
    <message>
        <source>Year built</source>
        <translation>建成年份</translation>
    </message>
    <message>
        <source>Old estate</source>
        <translation>老旧小区</translation>
    </message>
    <message>
        <source>Current company</source>
        <translation>当前物业企业</translation>
    </message>
    <message>
        <source>All types</source>
        <translation>全部管理类型</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>全部社区</translation>
    </message>
    <message>
        <source>Search estate, address or community (Ctrl+F)</source>
        <translation>搜索小区、地址或社区（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>ExpelForm</name>
    <message>
        <source>Remove from the market</source>
        <translation>清出市场</translation>
    </message>
    <message>
        <source>Decided on</source>
        <translation>决定日期</translation>
    </message>
    <message>
        <source>Deciding body</source>
        <translation>决定机关</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>决定文号</translation>
    </message>
    <message>
        <source>Facts and reasons</source>
        <translation>事实与理由</translation>
    </message>
    <message>
        <source>Grounds (bad items)</source>
        <translation>依据（扣分记录）</translation>
    </message>
</context>
<context>
    <name>ExportTab</name>
    <message>
        <source>&amp;Delta: the rows not yet acknowledged</source>
        <translation>增量包：尚未回执的记录(&amp;D)</translation>
    </message>
    <message>
        <source>S&amp;napshot: everything this office holds</source>
        <translation>全量包：本单位的全部记录(&amp;N)</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>Receivers (they can open the package)</source>
        <translation>接收单位（只有它们能打开数据包）</translation>
    </message>
    <message>
        <source>Where to save the .wypkg file</source>
        <translation>数据包（.wypkg）保存位置</translation>
    </message>
    <message>
        <source>Bro&amp;wse…</source>
        <translation>浏览(&amp;W)…</translation>
    </message>
    <message>
        <source>Fi&amp;le:</source>
        <translation>文件(&amp;L)：</translation>
    </message>
    <message>
        <source>E&amp;xport package</source>
        <translation>导出数据包(&amp;X)</translation>
    </message>
    <message>
        <source>No upper office known yet: import its onboarding file first (tab Onboarding).</source>
        <translation>尚未登记上级单位：请先在“入网”页导入上级的入网文件。</translation>
    </message>
    <message>
        <source>Tick at least one receiver. None known? Import the upper office&apos;s onboarding file first (tab Onboarding).</source>
        <translation>请至少勾选一个接收单位。没有可选的？请先在“入网”页导入上级单位的入网文件。</translation>
    </message>
    <message>
        <source>Export package</source>
        <translation>导出数据包</translation>
    </message>
    <message>
        <source>Packages (*.wypkg)</source>
        <translation>数据包 (*.wypkg)</translation>
    </message>
    <message>
        <source>Choose where to save the package.</source>
        <translation>请选择数据包的保存位置。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>Cancelled: no package was written.</source>
        <translation>已取消：没有写出数据包。</translation>
    </message>
    <message>
        <source>Exporting the package</source>
        <translation>正在导出数据包</translation>
    </message>
    <message>
        <source>snapshot</source>
        <translation>全量包</translation>
    </message>
    <message>
        <source>delta</source>
        <translation>增量包</translation>
    </message>
    <message>
        <source>Exported a %1 of %2 rows to %3 for %4. Carry it to the receiver; import the receipt it sends back in the Receipts tab.</source>
        <translation>已导出%1，共 %2 行：%3，接收单位 %4。请把文件交给接收单位；对方发回的回执在“回执”页导入。</translation>
    </message>
</context>
<context>
    <name>FeedbackForm</name>
    <message>
        <source>Rectification report: %1</source>
        <translation>整改反馈：%1</translation>
    </message>
    <message>
        <source>Reported on</source>
        <translation>反馈日期</translation>
    </message>
    <message>
        <source>Measures and result</source>
        <translation>整改措施和结果</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>佐证材料</translation>
    </message>
</context>
<context>
    <name>FiguresPanel</name>
    <message>
        <source>By company</source>
        <translation>按物业企业</translation>
    </message>
    <message>
        <source>By estate</source>
        <translation>按小区</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Reply (h)</source>
        <translation>响应中位（小时）</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>按时率</translation>
    </message>
    <message>
        <source>Close (d)</source>
        <translation>办结中位（天）</translation>
    </message>
    <message>
        <source>Limits: reply within %1 days, close within %2. Median reply %3 h, %4 on time; median closing %5 days, %6 on time; %7 late.</source>
        <translation>时限：%1天内响应，%2天内办结。响应时间中位数%3小时，按时响应%4；办结时间中位数%5天，按时办结%6；超时%7件。</translation>
    </message>
</context>
<context>
    <name>FontSettingsDialog</name>
    <message>
        <source>Fonts for printed documents</source>
        <translation>打印字体</translation>
    </message>
    <message>
        <source>Each kind of text in notices and disclosure boards uses one font. Automatic picks the best Chinese font found on this computer.</source>
        <translation>通知公告和公示栏中的各类文字各用一种字体。“自动”会选用本机上最合适的中文字体。</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动（推荐）</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <source>Choose a font file</source>
        <translation>选择字体文件</translation>
    </message>
    <message>
        <source>TrueType fonts (*.ttf *.ttc)</source>
        <translation>TrueType 字体 (*.ttf *.ttc)</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <source>History…</source>
        <translation>修改记录…</translation>
    </message>
    <message>
        <source>Show personal data</source>
        <translation>显示个人信息</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Import %1</source>
        <translation>导入%1</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Save blank template…</source>
        <translation>保存空白模板…</translation>
    </message>
    <message>
        <source>Community of the sheet:</source>
        <translation>表格所属社区：</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Choose a workbook and check it: nothing is written yet.</source>
        <translation>选择工作簿并检查：此时不会写入任何数据。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Import only the valid rows</source>
        <translation>仅导入有效的行</translation>
    </message>
    <message>
        <source>Save error workbook…</source>
        <translation>保存错误表…</translation>
    </message>
    <message>
        <source>Choose a workbook</source>
        <translation>选择工作簿</translation>
    </message>
    <message>
        <source>Ledgers (%1)</source>
        <translation>台账表格 (%1)</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Save blank template</source>
        <translation>保存空白模板</translation>
    </message>
    <message>
        <source>Choose a ledger (.xlsx, .xls, .ods or .csv)</source>
        <translation>选择台账文件（.xlsx、.xls、.ods 或 .csv）</translation>
    </message>
    <message>
        <source>Checking the workbook</source>
        <translation>正在检查工作簿</translation>
    </message>
    <message>
        <source>%1 rows have problems and will be left out. Import the others?</source>
        <translation>有 %1 行存在问题，将不会导入。是否导入其余的行？</translation>
    </message>
    <message>
        <source>Importing</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>The sheet has no 所属社区 column and does not say which community it is from: choose the community above and check again.</source>
        <translation>表中没有“所属社区”列，也看不出是哪个社区的台账：请在上方选择社区后再检查。</translation>
    </message>
    <message>
        <source>Imported: %1 new, %2 updated, %3 unchanged.</source>
        <translation>导入完成：新增 %1，更新 %2，无变化 %3。</translation>
    </message>
    <message>
        <source> %1 rows with problems were left out.</source>
        <translation>有问题的 %1 行未导入。</translation>
    </message>
    <message>
        <source>Sheet “%1”, %2 rows: %3 to add, %4 to update, %5 unchanged, %6 with problems.</source>
        <translation>工作表“%1”共 %2 行：可新增 %3，可更新 %4，无变化 %5，有问题 %6 行。</translation>
    </message>
    <message>
        <source>Community: %1.</source>
        <translation>社区：%1。</translation>
    </message>
    <message>
        <source>File: %1.</source>
        <translation>文件：%1。</translation>
    </message>
    <message>
        <source>Companies: %1 matched, %2 warnings.</source>
        <translation>物业企业：匹配 %1 个，提醒 %2 条。</translation>
    </message>
    <message>
        <source>Nothing was written yet: press Import.</source>
        <translation>尚未写入任何数据：请点击“导入”。</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>提醒：%1</translation>
    </message>
    <message>
        <source>Save error workbook</source>
        <translation>保存错误表</translation>
    </message>
</context>
<context>
    <name>ImportTab</name>
    <message>
        <source>&amp;Add packages…</source>
        <translation>添加数据包(&amp;A)…</translation>
    </message>
    <message>
        <source>Remove from the &amp;list</source>
        <translation>从列表移除(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dry run (writes nothing)</source>
        <translation>试导入（不写入）(&amp;D)</translation>
    </message>
    <message>
        <source>Confir&amp;m import</source>
        <translation>确认导入(&amp;M)</translation>
    </message>
    <message>
        <source>Report to E&amp;xcel…</source>
        <translation>报告导出到 Excel(&amp;X)…</translation>
    </message>
    <message>
        <source>Add the .wypkg files to import, then run a dry run.</source>
        <translation>添加要导入的 .wypkg 文件，然后先试导入。</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Inserted</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Stale</source>
        <translation>过时</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Add packages</source>
        <translation>添加数据包</translation>
    </message>
    <message>
        <source>Packages (*.wypkg)</source>
        <translation>数据包 (*.wypkg)</translation>
    </message>
    <message>
        <source>Dry run of the packages</source>
        <translation>正在试导入数据包</translation>
    </message>
    <message>
        <source>Importing the packages</source>
        <translation>正在导入数据包</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>拒收：%1</translation>
    </message>
    <message>
        <source>Imported before: nothing changes</source>
        <translation>此前已导入，本次不作任何改动</translation>
    </message>
    <message>
        <source>Receipt: %1 (give it back to the sender)</source>
        <translation>回执：%1（请交回发送单位）</translation>
    </message>
    <message>
        <source>Dry run: %1 packages can be imported, %2 refused. Nothing was written; check the counts, then confirm the import.</source>
        <translation>试导入：%1 个数据包可以导入，%2 个被拒收。未写入任何数据；请核对数量后确认导入。</translation>
    </message>
    <message>
        <source>Imported %1 packages, %2 refused. Each receipt was written beside its package.</source>
        <translation>已导入 %1 个数据包，%2 个被拒收。回执已写在各数据包旁边。</translation>
    </message>
    <message>
        <source>Report to Excel</source>
        <translation>导入报告导出到 Excel</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>InspectionForm</name>
    <message>
        <source>New inspection (督查)</source>
        <translation>新建督查</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>督查方式</translation>
    </message>
    <message>
        <source>Inspectors</source>
        <translation>督查人员</translation>
    </message>
    <message>
        <source>Estates visited</source>
        <translation>督查小区</translation>
    </message>
    <message>
        <source>Several: separate them with 、</source>
        <translation>多个时用“、”分隔</translation>
    </message>
    <message>
        <source>Summary</source>
        <translation>督查情况</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>One a line: %1</source>
        <translation>每行一条：%1</translation>
    </message>
</context>
<context>
    <name>InspectionsPage</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>督查方式</translation>
    </message>
    <message>
        <source>Inspectors</source>
        <translation>督查人员</translation>
    </message>
    <message>
        <source>Estates</source>
        <translation>督查小区</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Not rectified</source>
        <translation>未整改</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题编号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Latest feedback</source>
        <translation>最近整改反馈</translation>
    </message>
    <message>
        <source>New inspection…</source>
        <translation>新建督查…</translation>
    </message>
    <message>
        <source>Print the record…</source>
        <translation>打印督查记录…</translation>
    </message>
    <message>
        <source>Report rectification…</source>
        <translation>报送整改反馈…</translation>
    </message>
    <message>
        <source>Accept the feedback</source>
        <translation>采纳整改反馈</translation>
    </message>
    <message>
        <source>Inspections (督查)</source>
        <translation>督查</translation>
    </message>
    <message>
        <source>Select a finding first.</source>
        <translation>请先选中一条发现的问题。</translation>
    </message>
    <message>
        <source>No rectification report to accept yet.</source>
        <translation>这条问题还没有整改反馈，无可采纳。</translation>
    </message>
    <message>
        <source>Accepted: the problem is rectified.</source>
        <translation>已采纳：该问题已记为已整改。</translation>
    </message>
    <message>
        <source>Select a row first.</source>
        <translation>请先选中一行。</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Printed: %1</source>
        <translation>已生成：%1</translation>
    </message>
</context>
<context>
    <name>InterviewForm</name>
    <message>
        <source>New interview (约谈)</source>
        <translation>新建约谈</translation>
    </message>
    <message>
        <source>Summoned</source>
        <translation>约谈对象</translation>
    </message>
    <message>
        <source>Office code or name</source>
        <translation>单位代码或名称</translation>
    </message>
    <message>
        <source>An office below: its division code</source>
        <translation>下级单位填区划代码</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>约谈事由</translation>
    </message>
    <message>
        <source>Form</source>
        <translation>约谈方式</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>约谈时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>约谈地点</translation>
    </message>
    <message>
        <source>Interviewers</source>
        <translation>约谈人</translation>
    </message>
    <message>
        <source>Attending</source>
        <translation>参加人员</translation>
    </message>
    <message>
        <source>Notice date</source>
        <translation>通知日期</translation>
    </message>
</context>
<context>
    <name>InterviewRecordForm</name>
    <message>
        <source>Interview %1: record and follow-up</source>
        <translation>约谈 %1：约谈记录和后续处理</translation>
    </message>
    <message>
        <source>Held on</source>
        <translation>约谈日期</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>约谈记录</translation>
    </message>
    <message>
        <source>Requirements</source>
        <translation>处理意见和整改要求</translation>
    </message>
    <message>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>New commitment</source>
        <translation>新的整改承诺</translation>
    </message>
    <message>
        <source>Commitment due</source>
        <translation>承诺完成日期</translation>
    </message>
    <message>
        <source>Rectified on</source>
        <translation>整改完成日期</translation>
    </message>
    <message>
        <source>Rectification note</source>
        <translation>整改情况说明</translation>
    </message>
    <message>
        <source>Summoned by an office above and received from it: its record is read-only here. Only that office can change it; this office adds its commitment.</source>
        <translation>本次约谈由上级单位发起并下发，约谈记录在本单位只读：只有发起单位能修改；本单位可填写整改承诺。</translation>
    </message>
</context>
<context>
    <name>LedgerPage</name>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Delete “%1”? It stays in the history and is reported upward as deleted.</source>
        <translation>删除“%1”？记录将保留在历史中，并作为已删除上报。</translation>
    </message>
    <message>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <source>Deleted “%1”.</source>
        <translation>已删除“%1”。</translation>
    </message>
    <message>
        <source>Cannot undo</source>
        <translation>无法撤销</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出为 Excel</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>This list holds personal data (phone numbers). Export them in clear? The choice is recorded in the audit log; No keeps them masked.</source>
        <translation>此列表含有个人信息（电话号码）。是否导出未打码的号码？此选择将记入操作日志；选“否”则导出打码版本。</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>%n record(s)</source>
        <translation>共 %n 条记录</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户名</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Read only</source>
        <translation>只读查看</translation>
    </message>
    <message>
        <source>This database has accounts: sign in to make changes.</source>
        <translation>此数据库已设置账户：登录后才能修改数据。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Overview</source>
        <translation>总览</translation>
    </message>
    <message>
        <source>Estates</source>
        <translation>小区台账</translation>
    </message>
    <message>
        <source>Buildings</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Committees</source>
        <translation>业主委员会</translation>
    </message>
    <message>
        <source>Committee duty &amp; negative lists</source>
        <translation>履职/负面清单</translation>
    </message>
    <message>
        <source>Red property</source>
        <translation>红色物业</translation>
    </message>
    <message>
        <source>Offices below</source>
        <translation>下级对比</translation>
    </message>
    <message>
        <source>Data sync</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <source>Disclosure boards</source>
        <translation>公示栏</translation>
    </message>
    <message>
        <source>Notices</source>
        <translation>通知公告</translation>
    </message>
    <message>
        <source>Joint meetings</source>
        <translation>联席会议</translation>
    </message>
    <message>
        <source>Owners&apos; votes</source>
        <translation>业主表决</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题整改</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <source>Satisfaction surveys</source>
        <translation>满意度调查</translation>
    </message>
    <message>
        <source>Interviews and circulars</source>
        <translation>约谈与通报</translation>
    </message>
    <message>
        <source>Inspections</source>
        <translation>督查</translation>
    </message>
    <message>
        <source>Assessment</source>
        <translation>考核</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>操作日志</translation>
    </message>
    <message>
        <source>Backup and restore</source>
        <translation>备份与恢复</translation>
    </message>
    <message>
        <source>Daily backup failed: %1</source>
        <translation>每日备份失败：%1</translation>
    </message>
    <message>
        <source>Old backups: %1</source>
        <translation>旧备份：%1</translation>
    </message>
    <message>
        <source>&amp;Open database…</source>
        <translation>打开数据库(&amp;O)…</translation>
    </message>
    <message>
        <source>Add an office below…</source>
        <translation>新增下级单位（社区、街道）…</translation>
    </message>
    <message>
        <source>Open the log folder</source>
        <translation>打开日志文件夹</translation>
    </message>
    <message>
        <source>Open database</source>
        <translation>打开数据库</translation>
    </message>
    <message>
        <source>WuyeDesk databases (*.sqlite *.db);;All files (*)</source>
        <translation>工作台数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>WuyeDesk — community property management</source>
        <translation>社区物业工作台</translation>
    </message>
    <message>
        <source>Office not set up yet: use the set-up wizard</source>
        <translation>尚未设置本单位：请按设置向导操作</translation>
    </message>
    <message>
        <source>No accounts: a single-user PC, anyone who opens it may change data.</source>
        <translation>未设置账户：单机使用，任何打开本程序的人都可以修改数据。</translation>
    </message>
    <message>
        <source>Signed in as %1 (%2).</source>
        <translation>当前登录：%1（%2）。</translation>
    </message>
    <message>
        <source>Not signed in: read only.</source>
        <translation>未登录：只能查看。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Ledgers</source>
        <translation>台账</translation>
    </message>
    <message>
        <source>Casework</source>
        <translation>业务</translation>
    </message>
    <message>
        <source>Supervision and inspection</source>
        <translation>督办督查</translation>
    </message>
    <message>
        <source>Data and reporting</source>
        <translation>数据与报送</translation>
    </message>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>Assigned tasks</source>
        <translation>督办</translation>
    </message>
    <message>
        <source>Dispatch</source>
        <translation>调度</translation>
    </message>
    <message>
        <source>Fonts for printing…</source>
        <translation>打印字体…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>转到(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <source>Ledger summary by community (Excel)…</source>
        <translation>台账汇总表（按社区，Excel）…</translation>
    </message>
    <message>
        <source>Action plan task table (Excel)…</source>
        <translation>攻坚行动任务分解表（Excel）…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About WuyeDesk</source>
        <translation>关于社区物业工作台(&amp;A)</translation>
    </message>
    <message>
        <source>[TRAINING: demo data]</source>
        <translation>【培训：演示数据】</translation>
    </message>
    <message>
        <source>Office: %1 (%2, %3)</source>
        <translation>本单位：%1（%2，%3）</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Ledger summary</source>
        <translation>物业管理台账汇总表</translation>
    </message>
    <message>
        <source>Task table</source>
        <translation>攻坚行动任务分解表</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation>正在生成报表</translation>
    </message>
    <message>
        <source>About WuyeDesk</source>
        <translation>关于社区物业工作台</translation>
    </message>
    <message>
        <source>WuyeDesk %1</source>
        <translation>社区物业工作台 %1</translation>
    </message>
    <message>
        <source>A workbench for community offices that supervise property management.</source>
        <translation>供街道、社区物业管理监督工作使用的桌面工具。</translation>
    </message>
</context>
<context>
    <name>MeetingForm</name>
    <message>
        <source>Joint meeting</source>
        <translation>联席会议</translation>
    </message>
    <message>
        <source>New joint meeting</source>
        <translation>新建联席会议</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>会议类型</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>会议日期</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>会议地点</translation>
    </message>
    <message>
        <source>Chaired by</source>
        <translation>主持人</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>会议议题</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>会议纪要</translation>
    </message>
    <message>
        <source>Party</source>
        <translation>所属方</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Post</source>
        <translation>职务</translation>
    </message>
    <message>
        <source>Add attendee</source>
        <translation>添加参会人员</translation>
    </message>
    <message>
        <source>Remove attendee</source>
        <translation>删除参会人员</translation>
    </message>
    <message>
        <source>Attendees</source>
        <translation>参会人员</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>决议内容</translation>
    </message>
    <message>
        <source>Responsible party</source>
        <translation>责任方</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>落实情况</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>整改问题</translation>
    </message>
    <message>
        <source>Add resolution</source>
        <translation>添加决议</translation>
    </message>
    <message>
        <source>Remove resolution</source>
        <translation>删除决议</translation>
    </message>
    <message>
        <source>Turn into a problem</source>
        <translation>转为问题</translation>
    </message>
    <message>
        <source>Open its problem</source>
        <translation>打开对应问题</translation>
    </message>
    <message>
        <source>Progress…</source>
        <translation>落实情况…</translation>
    </message>
    <message>
        <source>Resolutions</source>
        <translation>议定事项（决议）</translation>
    </message>
    <message>
        <source>Print minutes…</source>
        <translation>打印纪要…</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>提醒：%1</translation>
    </message>
    <message>
        <source>Problem: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Why is the resolution not carried out after all?</source>
        <translation>为什么改为未落实？</translation>
    </message>
</context>
<context>
    <name>MeetingsPage</name>
    <message>
        <source>Date</source>
        <translation>会议日期</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Topics</source>
        <translation>会议议题</translation>
    </message>
    <message>
        <source>Next resolution due</source>
        <translation>最近决议时限</translation>
    </message>
    <message>
        <source>Resolutions</source>
        <translation>决议数</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>全部社区</translation>
    </message>
    <message>
        <source>All estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>Search topics, minutes or venue (Ctrl+F)</source>
        <translation>搜索议题、纪要或地点（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>MinutesDialog</name>
    <message>
        <source>Meeting minutes</source>
        <translation>联席会议纪要</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为PDF…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Building the minutes…</source>
        <translation>正在生成纪要…</translation>
    </message>
    <message>
        <source>Building the minutes</source>
        <translation>生成纪要</translation>
    </message>
    <message>
        <source>The minutes cannot be printed yet.</source>
        <translation>纪要暂时无法打印。</translation>
    </message>
    <message>
        <source>Sent %1 page(s) to the printer.</source>
        <translation>已发送 %1 页到打印机。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
</context>
<context>
    <name>NegativeForm</name>
    <message>
        <source>Negative record</source>
        <translation>负面清单记录</translation>
    </message>
    <message>
        <source>New negative record</source>
        <translation>新建负面清单记录</translation>
    </message>
    <message>
        <source>Member concerned</source>
        <translation>涉及成员</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Handled on</source>
        <translation>处理日期</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处理情况</translation>
    </message>
    <message>
        <source>(the committee as a whole)</source>
        <translation>（委员会整体）</translation>
    </message>
</context>
<context>
    <name>NegativePage</name>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>届次</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Breach</source>
        <translation>问题类别</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>具体情况</translation>
    </message>
    <message>
        <source>Member concerned</source>
        <translation>涉及成员</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Handled on</source>
        <translation>处理日期</translation>
    </message>
    <message>
        <source>Handling</source>
        <translation>处理情况</translation>
    </message>
    <message>
        <source>Search estate or category (Ctrl+F)</source>
        <translation>搜索小区或类别（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>NoticesPage</name>
    <message>
        <source>Reload templates</source>
        <translation>重新读取模板</translation>
    </message>
    <message>
        <source>Read the template files again, after adding or editing one</source>
        <translation>新增或修改模板文件后，重新读取</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>模板</translation>
    </message>
    <message>
        <source>Edit a copy…</source>
        <translation>复制并编辑…</translation>
    </message>
    <message>
        <source>Copy the chosen template into your own folder and edit it there</source>
        <translation>把所选模板复制到您自己的模板文件夹并编辑副本</translation>
    </message>
    <message>
        <source>Remove my copy</source>
        <translation>删除我的副本</translation>
    </message>
    <message>
        <source>Delete your edited copy; the shipped template of that name is used again</source>
        <translation>删除您编辑的副本；同名的内置模板将重新生效</translation>
    </message>
    <message>
        <source>Publish to offices below</source>
        <translation>下发给下级单位</translation>
    </message>
    <message>
        <source>Send your own template to the offices below with every 下发 package</source>
        <translation>把本单位自己的模板随每个下发数据包送达下级单位</translation>
    </message>
    <message>
        <source>Type to find an estate</source>
        <translation>输入小区名称查找</translation>
    </message>
    <message>
        <source>Fill in</source>
        <translation>填入</translation>
    </message>
    <message>
        <source>Fill the fields the ledgers know: estate, company, manager, committee…</source>
        <translation>填入台账中已有的信息：小区、物业企业、项目负责人、业主委员会…</translation>
    </message>
    <message>
        <source>Fill from the ledgers</source>
        <translation>从台账填写</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>另存为PDF…</translation>
    </message>
    <message>
        <source>Saved template %1</source>
        <translation>模板已保存：%1</translation>
    </message>
    <message>
        <source>Delete your template “%1”? This cannot be undone.</source>
        <translation>删除您的模板“%1”吗？删除后无法恢复。</translation>
    </message>
    <message>
        <source>Published %1: it goes down with the next 下发 packages</source>
        <translation>已下发模板 %1：随之后导出的下发数据包送达下级单位</translation>
    </message>
    <message>
        <source> · user&apos;s own</source>
        <translation> · 自定义</translation>
    </message>
    <message>
        <source> · sent down by %1</source>
        <translation> · 上级下发：%1</translation>
    </message>
    <message>
        <source>Cannot be used</source>
        <translation>无法使用</translation>
    </message>
    <message>
        <source>This template cannot be used: %1</source>
        <translation>此模板无法使用：%1</translation>
    </message>
    <message>
        <source>Published by %1 on %2 (read-only here)</source>
        <translation>%1 于 %2 下发（本单位只能使用，不能修改）</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>如：%1</translation>
    </message>
    <message>
        <source>%1 (optional)</source>
        <translation>%1（可选）</translation>
    </message>
    <message>
        <source>Leave blank for a notice without the red header</source>
        <translation>留空则不印红头</translation>
    </message>
    <message>
        <source>Issuing office</source>
        <translation>发文机关</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>发文字号</translation>
    </message>
    <message>
        <source>Date of the document</source>
        <translation>成文日期</translation>
    </message>
    <message>
        <source>Fill in the fields, then press Preview.</source>
        <translation>填写各项后，点击“预览”。</translation>
    </message>
    <message>
        <source>Choose an estate first.</source>
        <translation>请先选择小区。</translation>
    </message>
    <message>
        <source>Filled from the ledgers: %1</source>
        <translation>已从台账填入：%1</translation>
    </message>
    <message>
        <source>The ledgers know none of this template&apos;s fields.</source>
        <translation>台账中没有可填入此模板的信息。</translation>
    </message>
    <message>
        <source>Building the notice</source>
        <translation>正在生成文书</translation>
    </message>
    <message>
        <source>Note: %1</source>
        <translation>提示：%1</translation>
    </message>
    <message>
        <source>Sent %1 page(s) to the printer.</source>
        <translation>已发送 %1 页到打印机。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>This office</source>
        <translation>本单位</translation>
    </message>
    <message>
        <source>Which office keeps its ledgers in this database. The division code is the 12-digit statistical code (统计用区划代码); its name is looked up for you.</source>
        <translation>本数据库记录哪个单位的台账。区划代码为12位统计用区划代码，名称会自动查出。</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <source>Division code</source>
        <translation>区划代码</translation>
    </message>
    <message>
        <source>12 digits, e.g. 340603010000</source>
        <translation>12位数字，如 340603010000</translation>
    </message>
    <message>
        <source>Office name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>Upper office</source>
        <translation>上级单位</translation>
    </message>
    <message>
        <source>filled in from the division code</source>
        <translation>按区划代码自动填写</translation>
    </message>
    <message>
        <source>Credit code (optional)</source>
        <translation>统一社会信用代码（可不填）</translation>
    </message>
    <message>
        <source>Upper office: %1</source>
        <translation>上级单位：%1</translation>
    </message>
</context>
<context>
    <name>OnboardingPage</name>
    <message>
        <source>Onboarding with the upper office</source>
        <translation>与上级单位入网</translation>
    </message>
    <message>
        <source>Exchange public keys once, so the packages you send upward can be verified. You can also do this later under Data sync → Onboarding.</source>
        <translation>与上级单位交换一次公钥，上报的数据包才能被核验。也可以稍后在“数据同步 → 入网”中办理。</translation>
    </message>
</context>
<context>
    <name>OnboardingPanel</name>
    <message>
        <source>With the upper office</source>
        <translation>与上级单位</translation>
    </message>
    <message>
        <source>1. Import the onboarding file the upper office wrote for this office.
2. Write the reply with this office&apos;s public keys and hand it to the upper office (USB stick or e-mail); compare the key ids by phone.</source>
        <translation>1. 导入上级单位为本单位生成的入网文件。
2. 生成带本单位公钥的入网回复，交给上级单位（U盘或邮件），并电话核对密钥编号。</translation>
    </message>
    <message>
        <source>Import the upper office&apos;s onboarding file…</source>
        <translation>导入上级单位的入网文件…</translation>
    </message>
    <message>
        <source>Write the reply file…</source>
        <translation>生成入网回复…</translation>
    </message>
    <message>
        <source>With an office below</source>
        <translation>与下级单位</translation>
    </message>
    <message>
        <source>12 digits, e.g. 340603010001</source>
        <translation>12位数字，如 340603010001</translation>
    </message>
    <message>
        <source>Write its onboarding file…</source>
        <translation>生成入网文件…</translation>
    </message>
    <message>
        <source>Import its reply…</source>
        <translation>导入其入网回复…</translation>
    </message>
    <message>
        <source>Division code</source>
        <translation>区划代码</translation>
    </message>
    <message>
        <source>Office name</source>
        <translation>单位名称</translation>
    </message>
    <message>
        <source>No upper office registered yet.</source>
        <translation>尚未登记上级单位。</translation>
    </message>
    <message>
        <source>Upper office: %1 (%2), onboarding file imported %3.</source>
        <translation>上级单位：%1（%2），入网文件导入于 %3。</translation>
    </message>
    <message>
        <source>reply imported</source>
        <translation>已导入入网回复</translation>
    </message>
    <message>
        <source>waiting for reply</source>
        <translation>等待入网回复</translation>
    </message>
    <message>
        <source>No office below onboarded yet.</source>
        <translation>尚无下级单位入网。</translation>
    </message>
    <message>
        <source>Registered the upper office %1 (%2), key ids %3. Now write the reply file.</source>
        <translation>已登记上级单位 %1（%2），密钥编号 %3。下一步：生成入网回复。</translation>
    </message>
    <message>
        <source>Registered the office below %1 (%2), key ids %3.</source>
        <translation>已登记下级单位 %1（%2），密钥编号 %3。</translation>
    </message>
    <message>
        <source>Wrote the reply to %1 (%2): %3. Key ids %4: read them to the upper office by phone.</source>
        <translation>已生成给 %1（%2）的入网回复：%3。本单位密钥编号 %4，请电话告知上级单位核对。</translation>
    </message>
    <message>
        <source>Wrote the onboarding file of %1 (%2): %3. Our signing key id: %4.</source>
        <translation>已生成 %1（%2）的入网文件：%3。本单位签名密钥编号：%4。</translation>
    </message>
    <message>
        <source>Onboarding file</source>
        <translation>入网文件</translation>
    </message>
    <message>
        <source>Onboarding files</source>
        <translation>入网文件 </translation>
    </message>
    <message>
        <source>Reply file</source>
        <translation>入网回复</translation>
    </message>
</context>
<context>
    <name>Op</name>
    <message>
        <source>The program met an error (%1); the changes were not saved.</source>
        <translation>程序出错（%1），这次的改动没有保存。</translation>
    </message>
    <message>
        <source>The program met an error (%1).</source>
        <translation>程序出错（%1）。</translation>
    </message>
    <message>
        <source> The details are in the log %1</source>
        <translation>详情已记入日志 %1</translation>
    </message>
    <message>
        <source>Not done</source>
        <translation>操作未完成</translation>
    </message>
</context>
<context>
    <name>OrgForm</name>
    <message>
        <source>New office below</source>
        <translation>新增下级单位</translation>
    </message>
    <message>
        <source>Division code</source>
        <translation>区划代码</translation>
    </message>
    <message>
        <source>12 digits, e.g. 340603010001</source>
        <translation>12位数字，如 340603010001</translation>
    </message>
    <message>
        <source>Office name</source>
        <translation>单位名称</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <source>Estates</source>
        <translation>小区数</translation>
    </message>
    <message>
        <source>Committee formation rate</source>
        <translation>业委会组建率</translation>
    </message>
    <message>
        <source>Party members on committees</source>
        <translation>业委会党员比例</translation>
    </message>
    <message>
        <source>Terms ending within 90 days</source>
        <translation>90天内任期届满</translation>
    </message>
    <message>
        <source>Terms expired</source>
        <translation>已届满未换届</translation>
    </message>
    <message>
        <source>Companies without a party organisation</source>
        <translation>未建立党组织的物业企业</translation>
    </message>
    <message>
        <source>Estates covered by cross-posts (交叉任职)</source>
        <translation>交叉任职覆盖小区</translation>
    </message>
    <message>
        <source>Red property demonstration projects</source>
        <translation>红色物业示范项目</translation>
    </message>
    <message>
        <source>Contracts by open tender this year</source>
        <translation>今年公开招标选聘占比</translation>
    </message>
    <message>
        <source>Negative list items handled</source>
        <translation>负面清单处置</translation>
    </message>
    <message>
        <source>Management type</source>
        <translation>管理类型</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Term ends</source>
        <translation>任期结束</translation>
    </message>
    <message>
        <source>Time left</source>
        <translation>剩余/逾期</translation>
    </message>
    <message>
        <source>Estates by management type</source>
        <translation>按管理类型统计小区</translation>
    </message>
    <message>
        <source>Committee terms ending or expired</source>
        <translation>即将届满或已届满的委员会</translation>
    </message>
    <message>
        <source>Problems closed (销号率)</source>
        <translation>问题销号率</translation>
    </message>
    <message>
        <source>Problems overdue</source>
        <translation>逾期问题</translation>
    </message>
    <message>
        <source>Problems due soon</source>
        <translation>临期问题</translation>
    </message>
    <message>
        <source>Supervision tasks overdue</source>
        <translation>逾期督办事项</translation>
    </message>
    <message>
        <source>Complaints open</source>
        <translation>未办结投诉</translation>
    </message>
    <message>
        <source>Complaints closed on time</source>
        <translation>投诉按时办结率</translation>
    </message>
    <message>
        <source>Problems recorded</source>
        <translation>问题总数</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Tasks overdue</source>
        <translation>逾期督办</translation>
    </message>
    <message>
        <source>Casework: problems, supervision, complaints</source>
        <translation>问题整改、督查督办与投诉</translation>
    </message>
    <message>
        <source>Overdue by responsible unit (top %1)</source>
        <translation>逾期责任单位（前%1名）</translation>
    </message>
    <message>
        <source>What</source>
        <translation>事项</translation>
    </message>
    <message>
        <source>Owed to</source>
        <translation>上级单位</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>截止日期</translation>
    </message>
    <message>
        <source>Owed upward (待上报/待办)</source>
        <translation>待上报/待办</translation>
    </message>
    <message>
        <source>Calculating…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>responded on time %1; median response %2 h, closing %3 days</source>
        <translation>按时响应 %1；响应用时中位数 %2 小时，办结用时中位数 %3 天</translation>
    </message>
    <message>
        <source>%1 of %2 problems closed</source>
        <translation>已销号 %1 / 全部问题 %2</translation>
    </message>
    <message>
        <source>open past their deadline</source>
        <translation>超过整改时限未整改</translation>
    </message>
    <message>
        <source>within 2 working days</source>
        <translation>2个工作日内到期</translation>
    </message>
    <message>
        <source>not done by their deadline</source>
        <translation>超过时限未办结</translation>
    </message>
    <message>
        <source>not yet closed</source>
        <translation>尚未办结</translation>
    </message>
    <message>
        <source>%1 — figures on %2</source>
        <translation>%1 — %2 统计</translation>
    </message>
    <message>
        <source>in this office&apos;s area</source>
        <translation>辖区内小区</translation>
    </message>
    <message>
        <source>filed and in term; target ≥ 90%</source>
        <translation>已备案且在任期内；目标≥90%</translation>
    </message>
    <message>
        <source>owners&apos; committees; target ≥ 50%; PMC apart %1/%2</source>
        <translation>业主委员会委员；目标≥50%；物管会另计 %1/%2</translation>
    </message>
    <message>
        <source>prepare re-election</source>
        <translation>请提前筹备换届</translation>
    </message>
    <message>
        <source>not yet re-elected</source>
        <translation>尚未完成换届</translation>
    </message>
    <message>
        <source>of %1 companies serving here</source>
        <translation>在服务企业共 %1 家</translation>
    </message>
    <message>
        <source>; estates covered %1 (%2/%3)</source>
        <translation>；覆盖小区 %1（%2/%3）</translation>
    </message>
    <message>
        <source>estates with a cross-post serving</source>
        <translation>个小区有在任的交叉任职</translation>
    </message>
    <message>
        <source>valid today</source>
        <translation>个有效（未撤销）</translation>
    </message>
    <message>
        <source>公开招标 of the contracts signed this year</source>
        <translation>份今年签订的合同为公开招标</translation>
    </message>
</context>
<context>
    <name>PdfOutput</name>
    <message>
        <source>Save as PDF</source>
        <translation>另存为PDF</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Cannot print</source>
        <translation>无法打印</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Pages: %1</source>
        <translation>共 %1 页</translation>
    </message>
    <message>
        <source>No preview</source>
        <translation>尚无预览</translation>
    </message>
    <message>
        <source>%1 was not found.</source>
        <translation>找不到 %1。</translation>
    </message>
    <message>
        <source>%1 is protected by a password.</source>
        <translation>%1 有密码保护，无法显示。</translation>
    </message>
    <message>
        <source>%1 has no pages.</source>
        <translation>%1 没有任何页面。</translation>
    </message>
    <message>
        <source>%1 is not a PDF file that can be shown.</source>
        <translation>%1 不是可以显示的 PDF 文件。</translation>
    </message>
    <message>
        <source>The printer could not start.</source>
        <translation>打印机无法启动。</translation>
    </message>
</context>
<context>
    <name>PendingTab</name>
    <message>
        <source>These rows arrived before their parent record. They are added by themselves when the parent arrives; discard one only if it never will.</source>
        <translation>这些记录比它们的上级记录先到。上级记录到达后会自动补入；只有确定上级记录不会再来时才丢弃。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>数据表</translation>
    </message>
    <message>
        <source>Waiting for</source>
        <translation>等待</translation>
    </message>
    <message>
        <source>From</source>
        <translation>来自</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>&amp;Discard…</source>
        <translation>丢弃(&amp;D)…</translation>
    </message>
    <message>
        <source>Discard the waiting row</source>
        <translation>丢弃待处理记录</translation>
    </message>
    <message>
        <source>Why is this row discarded? (kept in the audit log)</source>
        <translation>丢弃的原因（记入操作日志）：</translation>
    </message>
    <message>
        <source>Select a waiting row first.</source>
        <translation>请先选择一条待处理记录。</translation>
    </message>
    <message>
        <source>Discarded %1 “%2”.</source>
        <translation>已丢弃%1“%2”。</translation>
    </message>
</context>
<context>
    <name>PersonalEdit</name>
    <message>
        <source>Masked: “Show personal data” shows it in clear (recorded)</source>
        <translation>已隐去：点击“显示个人信息”可查看完整内容（将记入操作日志）</translation>
    </message>
</context>
<context>
    <name>Pickers</name>
    <message>
        <source>%1 more: type a few characters to find them</source>
        <translation>还有 %1 条，请输入关键字</translation>
    </message>
</context>
<context>
    <name>ProblemForm</name>
    <message>
        <source>Problem</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>New problem</source>
        <translation>新建问题</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Responsible person</source>
        <translation>责任人</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>整改措施</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>公示</translation>
    </message>
    <message>
        <source>On the public problem list</source>
        <translation>列入公示的问题清单</translation>
    </message>
    <message>
        <source>Open the source record</source>
        <translation>打开来源记录</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>What proves it is fixed: photos, acceptance record… (needed to close)</source>
        <translation>整改佐证：照片、验收记录等（销号时必填）</translation>
    </message>
    <message>
        <source>Why it goes back (needed to rework or reopen)</source>
        <translation>退回原因（返工或重新打开时必填）</translation>
    </message>
    <message>
        <source>Closure evidence</source>
        <translation>销号佐证</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>From</source>
        <translation>原状态</translation>
    </message>
    <message>
        <source>To</source>
        <translation>新状态</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>History</source>
        <translation>状态记录</translation>
    </message>
    <message>
        <source>Start rectification</source>
        <translation>开始整改</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>Send back for rework</source>
        <translation>返工</translation>
    </message>
    <message>
        <source>Rectification done</source>
        <translation>整改完成</translation>
    </message>
    <message>
        <source>Close (verified)</source>
        <translation>销号</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>due soon</source>
        <translation>临期</translation>
    </message>
    <message>
        <source>done late</source>
        <translation>逾期完成</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>closed on %1</source>
        <translation>%1销号</translation>
    </message>
    <message>
        <source>Supervised by: %1</source>
        <translation>督办事项：%1</translation>
    </message>
    <message>
        <source>Opened from the record it came from; the link is kept both ways.</source>
        <translation>由来源记录转入，来源与问题相互关联。</translation>
    </message>
    <message>
        <source>Source: %1</source>
        <translation>来源：%1</translation>
    </message>
</context>
<context>
    <name>ProblemsPage</name>
    <message>
        <source>Deadline</source>
        <translation>整改时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Responsible unit</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Found on</source>
        <translation>发现日期</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All estates</source>
        <translation>全部小区</translation>
    </message>
    <message>
        <source>All responsible units</source>
        <translation>全部责任单位</translation>
    </message>
    <message>
        <source>Print public list…</source>
        <translation>打印问题清单公示…</translation>
    </message>
    <message>
        <source>Print the problems marked public of the estate chosen in the filter, or of the community of the selected problem, as the list&apos;s next version</source>
        <translation>打印筛选中所选小区（或所选问题所在社区）标为公示的问题，作为清单的下一版</translation>
    </message>
    <message>
        <source>Print public list</source>
        <translation>打印问题清单公示</translation>
    </message>
    <message>
        <source>Choose an estate in the filter, or select a problem of the community whose list to print.</source>
        <translation>请在筛选中选择小区，或选中要打印其社区清单的一个问题。</translation>
    </message>
    <message>
        <source>Search problem, unit or measures (Ctrl+F)</source>
        <translation>搜索问题、责任单位或整改措施（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>ReceiptsTab</name>
    <message>
        <source>Import receip&amp;ts…</source>
        <translation>导入回执(&amp;T)…</translation>
    </message>
    <message>
        <source>A receipt marks the package it answers 已接收, so its rows stop being sent again.</source>
        <translation>导入回执后，对应的数据包标记为“已接收”，其中的记录不再重复发送。</translation>
    </message>
    <message>
        <source>Receipts for packages this office sent</source>
        <translation>本单位发出的数据包的回执</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>发送单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>&amp;Write the receipt again…</source>
        <translation>重新写回执(&amp;W)…</translation>
    </message>
    <message>
        <source>Receipts for packages this office received</source>
        <translation>本单位收到的数据包的回执</translation>
    </message>
    <message>
        <source>Import receipts</source>
        <translation>导入回执</translation>
    </message>
    <message>
        <source>Receipts (*.receipt.json *.json)</source>
        <translation>回执 (*.receipt.json *.json)</translation>
    </message>
    <message>
        <source>Refused: %1</source>
        <translation>拒收：%1</translation>
    </message>
    <message>
        <source>%1: package %2 acknowledged by %3</source>
        <translation>%1：数据包 %2 已被 %3 接收</translation>
    </message>
    <message>
        <source> (already before)</source>
        <translation>（此前已接收）</translation>
    </message>
    <message>
        <source>Select a received package first.</source>
        <translation>请先选择一个已接收的数据包。</translation>
    </message>
    <message>
        <source>Write the receipt</source>
        <translation>写回执</translation>
    </message>
    <message>
        <source>Receipts (*.receipt.json)</source>
        <translation>回执 (*.receipt.json)</translation>
    </message>
    <message>
        <source>Receipt written: %1 (give it back to the sender)</source>
        <translation>回执已写出：%1（请交回发送单位）</translation>
    </message>
</context>
<context>
    <name>ReceivedTab</name>
    <message>
        <source>Received</source>
        <translation>收到时间</translation>
    </message>
    <message>
        <source>Sender</source>
        <translation>发送单位</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Inserted</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>冲突</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待定</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>拒收</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>连续性</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>previous package missing on arrival</source>
        <translation>到达时缺上一个包</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>&amp;Recent databases</source>
        <translation>最近的数据库(&amp;R)</translation>
    </message>
    <message>
        <source>%1 (training, demo data)</source>
        <translation>%1（培训用演示数据）</translation>
    </message>
</context>
<context>
    <name>RecordHistoryDialog</name>
    <message>
        <source>Change history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>修改内容</translation>
    </message>
    <message>
        <source>%1 changes of this record (newest first)</source>
        <translation>本记录共 %1 条修改记录（最新的在前）</translation>
    </message>
    <message>
        <source>No change of this record is recorded.</source>
        <translation>本记录没有修改记录。</translation>
    </message>
</context>
<context>
    <name>RecordList</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete “%1”? It stays in the history and is reported upward as deleted.</source>
        <translation>删除“%1”？删除记录仍保留在历史中，并作为已删除上报。</translation>
    </message>
</context>
<context>
    <name>RedPropertyPage</name>
    <message>
        <source>Cross-posts (交叉任职)</source>
        <translation>交叉任职</translation>
    </message>
    <message>
        <source>Demonstration projects (示范项目)</source>
        <translation>红色物业示范项目</translation>
    </message>
</context>
<context>
    <name>ReportTextDialog</name>
    <message>
        <source>Work done this period</source>
        <translation>本期工作完成情况</translation>
    </message>
    <message>
        <source>Problems found</source>
        <translation>发现的问题</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>下一步工作</translation>
    </message>
</context>
<context>
    <name>ReviewForm</name>
    <message>
        <source>Review %1, item %2</source>
        <translation>复核 %1：%2</translation>
    </message>
    <message>
        <source>Self-score</source>
        <translation>自评分</translation>
    </message>
    <message>
        <source>Final points</source>
        <translation>复核得分</translation>
    </message>
    <message>
        <source>Opinion</source>
        <translation>复核意见</translation>
    </message>
</context>
<context>
    <name>ScoreForm</name>
    <message>
        <source>Self-score item %1: %2</source>
        <translation>自评第 %1 项：%2</translation>
    </message>
    <message>
        <source>What counts</source>
        <translation>评分依据</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>自评分</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>自评依据</translation>
    </message>
</context>
<context>
    <name>SentTab</name>
    <message>
        <source>Exported</source>
        <translation>导出时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Receivers</source>
        <translation>接收单位</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>数据包</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Set up WuyeDesk</source>
        <translation>设置社区物业工作台</translation>
    </message>
    <message>
        <source>%1 (%2) is set up. Its keys (%3) are in %4.</source>
        <translation>已设置本单位 %1（%2）。密钥（%3）保存在 %4。</translation>
    </message>
    <message>
        <source>Setting up the office</source>
        <translation>正在设置本单位</translation>
    </message>
    <message>
        <source>Training database made: %1 (%2 estates).</source>
        <translation>培训数据库已生成：%1（%2 个小区）。</translation>
    </message>
    <message>
        <source>Making the training database</source>
        <translation>正在生成培训数据库</translation>
    </message>
</context>
<context>
    <name>StaffForm</name>
    <message>
        <source>Staff member</source>
        <translation>从业人员</translation>
    </message>
    <message>
        <source>New staff member</source>
        <translation>新增从业人员</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>物业企业</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>岗位</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>ID number</source>
        <translation>身份证号</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>职业资格证书</translation>
    </message>
    <message>
        <source>name and number, e.g. 物业管理师 WY2026000123</source>
        <translation>证书名称及编号，如 物业管理师 WY2026000123</translation>
    </message>
    <message>
        <source>Estate served</source>
        <translation>服务小区</translation>
    </message>
</context>
<context>
    <name>SteeringPage</name>
    <message>
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Summoned</source>
        <translation>约谈对象</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>约谈事由</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>约谈时间</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>约谈地点</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Document number</source>
        <translation>发文字号</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Parties named</source>
        <translation>被通报对象</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>发文日期</translation>
    </message>
    <message>
        <source>New interview…</source>
        <translation>新建约谈…</translation>
    </message>
    <message>
        <source>Print the notice…</source>
        <translation>打印约谈通知…</translation>
    </message>
    <message>
        <source>Record and follow-up…</source>
        <translation>约谈记录和后续…</translation>
    </message>
    <message>
        <source>Escalate to a circular…</source>
        <translation>升级为通报…</translation>
    </message>
    <message>
        <source>Interviews (约谈)</source>
        <translation>约谈</translation>
    </message>
    <message>
        <source>New circular…</source>
        <translation>新建通报…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Circulars (通报)</source>
        <translation>通报</translation>
    </message>
    <message>
        <source>Interviews and circulars</source>
        <translation>约谈与通报</translation>
    </message>
    <message>
        <source>rectification late</source>
        <translation>整改逾期</translation>
    </message>
    <message>
        <source>Select a row first.</source>
        <translation>请先选择一行。</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>Printed: %1</source>
        <translation>已生成：%1</translation>
    </message>
</context>
<context>
    <name>SubordinatesPage</name>
    <message>
        <source>Offices below, side by side</source>
        <translation>下级单位对比</translation>
    </message>
    <message>
        <source>Every figure is recomputed from the records; the total row equals this office&apos;s own figures.</source>
        <translation>各项数字均由原始记录重新计算；合计行与本单位自身的统计一致。</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>导出Excel…</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Estates</source>
        <translation>小区数</translation>
    </message>
    <message>
        <source>Formation rate</source>
        <translation>组建率</translation>
    </message>
    <message>
        <source>Party share</source>
        <translation>党员比例</translation>
    </message>
    <message>
        <source>Terms ending</source>
        <translation>90天内届满</translation>
    </message>
    <message>
        <source>Terms expired</source>
        <translation>已届满</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>问题数</translation>
    </message>
    <message>
        <source>Closure rate</source>
        <translation>销号率</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>Open complaints</source>
        <translation>未办结投诉</translation>
    </message>
    <message>
        <source>Cross-post coverage</source>
        <translation>交叉任职覆盖率</translation>
    </message>
    <message>
        <source>Demonstration projects</source>
        <translation>示范项目</translation>
    </message>
    <message>
        <source>Open tender share</source>
        <translation>公开招标占比</translation>
    </message>
    <message>
        <source>Party org coverage</source>
        <translation>党组织覆盖率（小区）</translation>
    </message>
    <message>
        <source>Complaints</source>
        <translation>投诉件数</translation>
    </message>
    <message>
        <source>Median response (h)</source>
        <translation>响应用时中位数（小时）</translation>
    </message>
    <message>
        <source>Responded on time</source>
        <translation>按时响应率</translation>
    </message>
    <message>
        <source>Median closing (days)</source>
        <translation>办结用时中位数（天）</translation>
    </message>
    <message>
        <source>Closed on time</source>
        <translation>按时办结率</translation>
    </message>
    <message>
        <source>Negative items: reminded/talked to/ordered/recall proposed</source>
        <translation>负面清单处置（提醒/约谈/责令整改/罢免建议）</translation>
    </message>
    <message>
        <source>Formation rate and party share (%)</source>
        <translation>业委会组建率和党员比例（%）</translation>
    </message>
    <message>
        <source>Calculating…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>%1 offices, figures on %2</source>
        <translation>共%1个单位，统计日期%2</translation>
    </message>
    <message>
        <source>Formation target</source>
        <translation>组建率目标</translation>
    </message>
    <message>
        <source>Party target</source>
        <translation>党员比例目标</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出Excel</translation>
    </message>
    <message>
        <source>Excel files (*.xlsx)</source>
        <translation>Excel 文件 (*.xlsx)</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>无法保存</translation>
    </message>
</context>
<context>
    <name>SubordinatesTab</name>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Packages</source>
        <translation>已收数据包</translation>
    </message>
    <message>
        <source>Last package</source>
        <translation>最近数据包</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Missing packages</source>
        <translation>缺少的数据包</translation>
    </message>
    <message>
        <source>A missing package never blocks an import: ask the office to send it again, or to send a snapshot.</source>
        <translation>缺少数据包不影响导入：请该单位补发，或发送一个全量包。</translation>
    </message>
    <message>
        <source>nothing received yet</source>
        <translation>尚未收到数据包</translation>
    </message>
</context>
<context>
    <name>SurveyAnswerForm</name>
    <message>
        <source>Enter answers from paper</source>
        <translation>录入纸质答卷</translation>
    </message>
    <message>
        <source>Correct an answer</source>
        <translation>更正答卷</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>调查</translation>
    </message>
    <message>
        <source>Questionnaire no.</source>
        <translation>问卷编号</translation>
    </message>
    <message>
        <source>As written on the paper (may be left blank)</source>
        <translation>按纸质问卷上的编号填写（可不填）</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>答卷日期</translation>
    </message>
    <message>
        <source>Save and enter next</source>
        <translation>保存并录入下一份</translation>
    </message>
    <message>
        <source>Delete this answer</source>
        <translation>删除这份答卷</translation>
    </message>
    <message>
        <source>Delete questionnaire %1? It will no longer count in the scores.</source>
        <translation>删除问卷%1？删除后不再计入得分。</translation>
    </message>
    <message>
        <source>(no number)</source>
        <translation>（无编号）</translation>
    </message>
    <message>
        <source>1 to %1; blank: not answered</source>
        <translation>1至%1分；空白表示未作答</translation>
    </message>
    <message>
        <source>Questionnaires entered: %1</source>
        <translation>已录入问卷：%1份</translation>
    </message>
</context>
<context>
    <name>SurveyAnswersDialog</name>
    <message>
        <source>Answers: %1</source>
        <translation>答卷：%1</translation>
    </message>
    <message>
        <source>Questionnaire no.</source>
        <translation>问卷编号</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>答卷日期</translation>
    </message>
    <message>
        <source>Correct or delete…</source>
        <translation>更正或删除…</translation>
    </message>
    <message>
        <source>Open the selected answer in the answer form</source>
        <translation>在答卷表单中打开选中的答卷</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>%1 answers; score 1 to %2, — not answered</source>
        <translation>共%1份答卷；评分1至%2分，“—”为未作答</translation>
    </message>
</context>
<context>
    <name>SurveyCampaignForm</name>
    <message>
        <source>Satisfaction survey</source>
        <translation>满意度调查</translation>
    </message>
    <message>
        <source>New survey</source>
        <translation>新建满意度调查</translation>
    </message>
    <message>
        <source>Type to find an estate</source>
        <translation>输入小区名称查找</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Survey name</source>
        <translation>调查名称</translation>
    </message>
    <message>
        <source>e.g. 2026 autumn satisfaction survey</source>
        <translation>如：2026年秋季满意度调查</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Ends on</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>调查方式</translation>
    </message>
    <message>
        <source>Sample size</source>
        <translation>样本量</translation>
    </message>
    <message>
        <source>Score 1 to</source>
        <translation>评分档数（1至N分）</translation>
    </message>
    <message>
        <source>Questionnaire items (code, question, weight)</source>
        <translation>问卷题目（题号、题目、权重）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>题号</translation>
    </message>
    <message>
        <source>Question</source>
        <translation>题目</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Add item</source>
        <translation>添加题目</translation>
    </message>
    <message>
        <source>Remove item</source>
        <translation>删除题目</translation>
    </message>
</context>
<context>
    <name>SurveysPage</name>
    <message>
        <source>Community</source>
        <translation>社区</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Survey</source>
        <translation>调查</translation>
    </message>
    <message>
        <source>Starts on</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>调查方式</translation>
    </message>
    <message>
        <source>Sample size</source>
        <translation>样本量</translation>
    </message>
    <message>
        <source>Answers</source>
        <translation>答卷份数</translation>
    </message>
    <message>
        <source>Result printed</source>
        <translation>结果公告</translation>
    </message>
    <message>
        <source>Enter answers…</source>
        <translation>录入答卷…</translation>
    </message>
    <message>
        <source>Type the selected survey&apos;s paper questionnaires, one after another</source>
        <translation>逐份录入所选调查的纸质问卷</translation>
    </message>
    <message>
        <source>Answers…</source>
        <translation>答卷…</translation>
    </message>
    <message>
        <source>List the selected survey&apos;s answers to correct or delete one</source>
        <translation>列出选中调查的答卷，可更正或删除其中一份</translation>
    </message>
    <message>
        <source>Print result…</source>
        <translation>打印调查结果…</translation>
    </message>
    <message>
        <source>Print result</source>
        <translation>打印调查结果</translation>
    </message>
    <message>
        <source>Search estate or survey (Ctrl+F)</source>
        <translation>搜索小区或调查名称（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Data sync</source>
        <translation>数据同步</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Send &amp;down</source>
        <translation>下发(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Re&amp;ceipts</source>
        <translation>回执(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Sent</source>
        <translation>已发送(&amp;S)</translation>
    </message>
    <message>
        <source>Recei&amp;ved</source>
        <translation>已接收(&amp;V)</translation>
    </message>
    <message>
        <source>C&amp;onflicts</source>
        <translation>冲突(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Pending</source>
        <translation>待处理(&amp;P)</translation>
    </message>
    <message>
        <source>Offices &amp;below</source>
        <translation>下级(&amp;B)</translation>
    </message>
    <message>
        <source>O&amp;nboarding</source>
        <translation>入网(&amp;N)</translation>
    </message>
    <message>
        <source>%1 (%2): %3 packages sent, %4 without receipt; %5 received; %6 open conflicts; %7 rows waiting for their parent</source>
        <translation>%1（%2）：已发送 %3 个数据包，%4 个未回执；已接收 %5 个；%6 个冲突未处理；%7 条记录等待上级记录</translation>
    </message>
</context>
<context>
    <name>TaskForm</name>
    <message>
        <source>Supervision task</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>New supervision task</source>
        <translation>新建督办事项</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>Given to</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Choose a known unit or type a new one</source>
        <translation>选择已知单位，或输入新单位</translation>
    </message>
    <message>
        <source>Given by</source>
        <translation>交办单位</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>交办日期</translation>
    </message>
    <message>
        <source>Deadline (blank: one week)</source>
        <translation>办结时限（不填为一周）</translation>
    </message>
    <message>
        <source>Deadline: %1 (counted in working days)</source>
        <translation>办结时限：%1（按工作日计算）</translation>
    </message>
    <message>
        <source>Open the supervised problem</source>
        <translation>打开所督办的问题</translation>
    </message>
    <message>
        <source>Turn into a problem</source>
        <translation>转为问题</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>办理进度</translation>
    </message>
    <message>
        <source>Why it is reopened</source>
        <translation>重新打开的原因</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>办结</translation>
    </message>
    <message>
        <source>Reported back</source>
        <translation>登记反馈</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message>
        <source>On</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Add reminder</source>
        <translation>添加催办</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Way</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Reminders (催办)</source>
        <translation>催办记录</translation>
    </message>
    <message>
        <source>Who was interviewed</source>
        <translation>约谈对象</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>约谈结果</translation>
    </message>
    <message>
        <source>Add interview</source>
        <translation>添加约谈</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>约谈对象</translation>
    </message>
    <message>
        <source>Interviews (约谈)</source>
        <translation>约谈记录</translation>
    </message>
    <message>
        <source>Answered on</source>
        <translation>反馈日期</translation>
    </message>
    <message>
        <source>On time</source>
        <translation>是否按时</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>办理结果</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核意见</translation>
    </message>
    <message>
        <source>Why the answer is sent back</source>
        <translation>退回原因</translation>
    </message>
    <message>
        <source>Accept answer</source>
        <translation>采纳反馈</translation>
    </message>
    <message>
        <source>Send back</source>
        <translation>退回</translation>
    </message>
    <message>
        <source>What was done (办理结果), in writing</source>
        <translation>办理结果（书面反馈）</translation>
    </message>
    <message>
        <source>Send answer</source>
        <translation>提交反馈</translation>
    </message>
    <message>
        <source>Answers of the office (反馈)</source>
        <translation>下级单位的反馈</translation>
    </message>
    <message>
        <source>Supervises a recorded problem.</source>
        <translation>督办已登记的问题。</translation>
    </message>
    <message>
        <source>Problems opened from it: %1</source>
        <translation>据此建立的问题：%1</translation>
    </message>
    <message>
        <source>Task: %1</source>
        <translation>督办事项：%1</translation>
    </message>
    <message>
        <source>Given to %1 by %2 on %3</source>
        <translation>承办单位：%1；交办单位：%2；交办日期：%3</translation>
    </message>
    <message>
        <source>Done on %1; feedback due %2; reported back %3</source>
        <translation>办结：%1；应反馈：%2；已反馈：%3</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>逾期</translation>
    </message>
    <message>
        <source>due soon</source>
        <translation>临期</translation>
    </message>
    <message>
        <source>done late</source>
        <translation>逾期完成</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>状态：%1</translation>
    </message>
    <message>
        <source>feedback late</source>
        <translation>反馈逾期</translation>
    </message>
    <message>
        <source>Issued by %1 and received from above: read-only in this office. Only the issuing office can change it; this office answers it with its feedback.</source>
        <translation>本事项由%1交办，从上级下发，本单位只读：只有交办单位能修改；本单位以“反馈”答复。</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>已采纳</translation>
    </message>
    <message>
        <source>sent back</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>按时</translation>
    </message>
    <message>
        <source>late</source>
        <translation>逾期</translation>
    </message>
</context>
<context>
    <name>TasksPage</name>
    <message>
        <source>Deadline</source>
        <translation>办结时限</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>督办事项</translation>
    </message>
    <message>
        <source>Given to</source>
        <translation>承办单位</translation>
    </message>
    <message>
        <source>Given by</source>
        <translation>交办单位</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>交办日期</translation>
    </message>
    <message>
        <source>Done on</source>
        <translation>办结日期</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>All tasks</source>
        <translation>全部督办事项</translation>
    </message>
    <message>
        <source>Addressed to this office</source>
        <translation>交给本单位的</translation>
    </message>
    <message>
        <source>Issued to offices below</source>
        <translation>本单位交办下级的</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>All units</source>
        <translation>全部承办单位</translation>
    </message>
    <message>
        <source>Search task or unit (Ctrl+F)</source>
        <translation>搜索事项或单位（Ctrl+F）</translation>
    </message>
</context>
<context>
    <name>TemplateEditor</name>
    <message>
        <source>Edit template</source>
        <translation>编辑模板</translation>
    </message>
    <message>
        <source>Lines before --- describe the template (标题, 类型 通知/公告, 字段 key=label, key?=label for an optional field); after it comes the text, a blank line between paragraphs. ${key} is replaced by the field&apos;s value.</source>
        <translation>“---”之前的各行说明模板（标题；类型：通知或公告；字段：键=名称，可选字段写“键?=名称”）；之后是正文，段与段之间空一行。${键} 会替换为该字段的内容。</translation>
    </message>
    <message>
        <source>Keep the name to replace the shipped template for you; a new name adds one</source>
        <translation>名称不变则以您的副本代替同名内置模板；改用新名称则新增一个模板</translation>
    </message>
    <message>
        <source>Template name</source>
        <translation>模板名称</translation>
    </message>
</context>
<context>
    <name>VettingDialog</name>
    <message>
        <source>Eligibility checks: %1</source>
        <translation>资格审查：%1</translation>
    </message>
    <message>
        <source>A member is seated only when every check is recorded as passed.</source>
        <translation>各项审查均记录为通过后，方可任职。</translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation>审查人</translation>
    </message>
    <message>
        <source>Fill empty rows</source>
        <translation>填入空白行</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Condition</source>
        <translation>条件</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Checked on</source>
        <translation>审查日期</translation>
    </message>
</context>
<context>
    <name>VoteMatterForm</name>
    <message>
        <source>New owners&apos; decision</source>
        <translation>新建表决事项</translation>
    </message>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>表决事项</translation>
    </message>
    <message>
        <source>e.g. 续聘物业服务企业</source>
        <translation>如：续聘物业服务企业</translation>
    </message>
    <message>
        <source>Items, one per line</source>
        <translation>议题（每行一个）</translation>
    </message>
    <message>
        <source>Blank: the matter itself is the only item</source>
        <translation>不填则以事项名称为唯一议题</translation>
    </message>
    <message>
        <source>Civil Code art. 278</source>
        <translation>民法典第二百七十八条</translation>
    </message>
    <message>
        <source>Not named: by the rule below</source>
        <translation>不指定（按下方规则）</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>表决规则</translation>
    </message>
    <message>
        <source>Ordinary: more than half of those taking part</source>
        <translation>一般事项：参与表决的面积和人数均过半数同意</translation>
    </message>
    <message>
        <source>Major: three quarters of those taking part</source>
        <translation>重大事项：参与表决的面积和人数均四分之三以上同意</translation>
    </message>
    <message>
        <source>Home turned to business use: every affected owner</source>
        <translation>住宅改变为经营性用房：有利害关系的业主一致同意</translation>
    </message>
    <message>
        <source>Buildings in scope</source>
        <translation>表决范围（楼栋）</translation>
    </message>
    <message>
        <source>Blank: the whole estate; several separated by 、 or commas</source>
        <translation>不填为全小区；多个楼栋用、或逗号分隔</translation>
    </message>
    <message>
        <source>Voting opens</source>
        <translation>表决开始日期</translation>
    </message>
    <message>
        <source>Voting closes</source>
        <translation>表决截止日期</translation>
    </message>
    <message>
        <source>Objection period (days)</source>
        <translation>异议期（天）</translation>
    </message>
    <message>
        <source>Parking spaces count as exclusive parts</source>
        <translation>车位计入专有部分</translation>
    </message>
</context>
<context>
    <name>VotingPage</name>
    <message>
        <source>Estate</source>
        <translation>小区</translation>
    </message>
    <message>
        <source>Matter</source>
        <translation>表决事项</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Ballots</source>
        <translation>选票数</translation>
    </message>
    <message>
        <source>Ballot entry</source>
        <translation>选票录入</translation>
    </message>
    <message>
        <source>Building-room, e.g. 1号楼-101</source>
        <translation>楼栋-房号，如 1号楼-101</translation>
    </message>
    <message>
        <source>Why the ballot is void</source>
        <translation>无效票的原因</translation>
    </message>
    <message>
        <source>Record ballot</source>
        <translation>录入选票</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>房屋</translation>
    </message>
    <message>
        <source>Choice</source>
        <translation>表决意见</translation>
    </message>
    <message>
        <source>Ballot number</source>
        <translation>选票编号</translation>
    </message>
    <message>
        <source>Void reason</source>
        <translation>无效原因</translation>
    </message>
    <message>
        <source>Live tally</source>
        <translation>实时计票</translation>
    </message>
    <message>
        <source>Choose a matter.</source>
        <translation>请选择表决事项。</translation>
    </message>
    <message>
        <source>Building</source>
        <translation>楼栋</translation>
    </message>
    <message>
        <source>Voted / units</source>
        <translation>已投票 / 户数</translation>
    </message>
    <message>
        <source>Not yet voted</source>
        <translation>尚未投票</translation>
    </message>
    <message>
        <source>Canvassing by building</source>
        <translation>按楼栋扫楼</translation>
    </message>
    <message>
        <source>New matter…</source>
        <translation>新建表决事项…</translation>
    </message>
    <message>
        <source>Import unit and owner register…</source>
        <translation>导入房屋与业主名册…</translation>
    </message>
    <message>
        <source>Export register…</source>
        <translation>导出房屋与业主名册…</translation>
    </message>
    <message>
        <source>Candidate vetting…</source>
        <translation>候选人资格审查…</translation>
    </message>
    <message>
        <source>Reason (withdrawing or reopening)</source>
        <translation>原因（撤回公告或重新计票时填写）</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>推进</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>打印…</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>推进到</translation>
    </message>
    <message>
        <source>All buildings</source>
        <translation>全部楼栋</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>议题</translation>
    </message>
    <message>
        <source>Base</source>
        <translation>表决基数</translation>
    </message>
    <message>
        <source>passes</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>does not pass yet</source>
        <translation>尚未通过</translation>
    </message>
    <message>
        <source>Taking part</source>
        <translation>参与表决</translation>
    </message>
    <message>
        <source>Agree</source>
        <translation>同意</translation>
    </message>
    <message>
        <source>Oppose</source>
        <translation>反对</translation>
    </message>
    <message>
        <source>Abstain</source>
        <translation>弃权</translation>
    </message>
    <message>
        <source>Void</source>
        <translation>无效</translation>
    </message>
    <message>
        <source>quorum met</source>
        <translation>参与表决已达三分之二</translation>
    </message>
    <message>
        <source>Type the unit as building-room, e.g. 1号楼-101.</source>
        <translation>请按“楼栋-房号”输入房屋，如 1号楼-101。</translation>
    </message>
    <message>
        <source>Recorded: %s</source>
        <translation>已录入：%s</translation>
    </message>
    <message>
        <source>Moved to %s.</source>
        <translation>已推进到：%s。</translation>
    </message>
    <message>
        <source>This matter names no candidates: an election item reads 选举…为…委员.</source>
        <translation>本事项没有列出候选人：选举议题应写作“选举…为…委员”。</translation>
    </message>
    <message>
        <source>Candidate vetting</source>
        <translation>候选人资格审查</translation>
    </message>
    <message>
        <source>Candidate</source>
        <translation>候选人</translation>
    </message>
    <message>
        <source>Vetting recorded for %s.</source>
        <translation>已记录候选人 %s 的资格审查。</translation>
    </message>
    <message>
        <source>Voting notice</source>
        <translation>表决公告</translation>
    </message>
    <message>
        <source>Ballot forms</source>
        <translation>表决票</translation>
    </message>
    <message>
        <source>Proxy forms</source>
        <translation>授权委托书</translation>
    </message>
    <message>
        <source>Result notice</source>
        <translation>结果公告</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>打印</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>Written: %s</source>
        <translation>已生成：%s</translation>
    </message>
    <message>
        <source>Export register</source>
        <translation>导出房屋与业主名册</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to WuyeDesk</source>
        <translation>欢迎使用社区物业工作台</translation>
    </message>
    <message>
        <source>This database does not belong to an office yet. Set up the office (division code, administrator) and onboard with the upper office; the ledgers open as soon as the office exists.</source>
        <translation>本数据库尚未设置所属单位。请先设置本单位（区划代码、管理员）并与上级单位办理入网；本单位设置好后即可使用各项台账。</translation>
    </message>
    <message>
        <source>Set up the office…</source>
        <translation>设置本单位…</translation>
    </message>
</context>
<context>
    <name>_ItemForm</name>
    <message>
        <source>Type to find an estate</source>
        <translation>输入小区名称查找</translation>
    </message>
    <message>
        <source>Committee</source>
        <translation>委员会</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>具体情况</translation>
    </message>
</context>
</TS>
