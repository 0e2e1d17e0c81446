namespace Reconcile.Formats.Tests;

/// <summary>camt.053 statements of the CEB example's account and day (Examples.Ceb), in the three versions.</summary>
internal static class CamtExamples
{
    public const string V02 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.02";
    public const string V08 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";

    /// <summary>Line 12 is the first Ntry, 28 the second (a batch of two TxDtls at 35 and 41), 49 the fee.</summary>
    public static string Ceb(string ns = V02, string declaration = "UTF-8") => $"""
        <?xml version="1.0" encoding="{declaration}"?>
        <Document xmlns="{ns}">
          <BkToCstmrStmt>
            <GrpHdr><MsgId>M1</MsgId><CreDtTm>2024-11-06T23:59:00</CreDtTm></GrpHdr>
            <Stmt>
              <Id>S1</Id>
              <FrToDt><FrDtTm>2024-11-06T00:00:00</FrDtTm><ToDtTm>2024-11-06T23:59:59</ToDtTm></FrToDt>
              <Acct><Id><Othr><Id>38450188000123456</Id></Othr></Id><Ccy>CNY</Ccy></Acct>
              <Bal><Tp><CdOrPrtry><Cd>OPBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">12000000.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-11-06</Dt></Dt></Bal>
              <Bal><Tp><CdOrPrtry><Cd>CLBD</Cd></CdOrPrtry></Tp><Amt Ccy="CNY">12049980.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Dt><Dt>2024-11-06</Dt></Dt></Bal>
              <TxsSummry><TtlNtries><NbOfNtries>3</NbOfNtries></TtlNtries></TxsSummry>
              <Ntry>
                <Amt Ccy="CNY">300000.00</Amt>
                <CdtDbtInd>CRDT</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><DtTm>2024-11-06T09:15:22</DtTm></BookgDt>
                <ValDt><Dt>2024-11-06</Dt></ValDt>
                <AcctSvcrRef>C241106000112</AcctSvcrRef>
                <BkTxCd><Prtry><Cd>跨行转入</Cd></Prtry></BkTxCd>
                <NtryDtls><TxDtls>
                  <Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs>
                  <RltdPties><Dbtr><Nm>张三</Nm></Dbtr><DbtrAcct><Id><Othr><Id>6222021234567890123</Id></Othr></Id></DbtrAcct></RltdPties>
                  <RltdAgts><DbtrAgt><FinInstnId><Nm>中国工商银行北京朝阳支行</Nm></FinInstnId></DbtrAgt></RltdAgts>
                  <RmtInf><Ustrd>JG2024110600031首付款</Ustrd></RmtInf>
                </TxDtls></NtryDtls>
                <AddtlNtryInf>跨行转入</AddtlNtryInf>
              </Ntry>
              <Ntry>
                <Amt Ccy="CNY">250000.00</Amt>
                <CdtDbtInd>DBIT</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>2024-11-06</Dt></BookgDt>
                <AcctSvcrRef>C241106000577</AcctSvcrRef>
                <NtryDtls><Btch><PmtInfId>BATCH20241106001</PmtInfId></Btch>
                <TxDtls>
                  <Refs><EndToEndId>PAY2024110600017</EndToEndId></Refs>
                  <AmtDtls><TxAmt><Amt Ccy="CNY">200000.00</Amt></TxAmt></AmtDtls>
                  <RltdPties><Cdtr><Nm>李四</Nm></Cdtr><CdtrAcct><Id><Othr><Id>6217000010012345678</Id></Othr></Id></CdtrAcct></RltdPties>
                  <RmtInf><Ustrd>PAY2024110600017 放款</Ustrd></RmtInf>
                </TxDtls>
                <TxDtls>
                  <Refs><AcctSvcrRef>C241106000579</AcctSvcrRef><EndToEndId>PAY2024110600018</EndToEndId></Refs>
                  <AmtDtls><TxAmt><Amt Ccy="CNY">50000.00</Amt></TxAmt></AmtDtls>
                  <RltdPties><Cdtr><Nm>王五</Nm></Cdtr></RltdPties>
                  <RmtInf><Ustrd>PAY2024110600018 放款</Ustrd></RmtInf>
                </TxDtls></NtryDtls>
                <AddtlNtryInf>转账支出</AddtlNtryInf>
              </Ntry>
              <Ntry>
                <Amt Ccy="CNY">20.00</Amt>
                <CdtDbtInd>DBIT</CdtDbtInd>
                <Sts>BOOK</Sts>
                <BookgDt><Dt>2024-11-06</Dt></BookgDt>
                <AcctSvcrRef>C241106000578</AcctSvcrRef>
                <NtryDtls><TxDtls><RmtInf><Ustrd>跨行汇款手续费</Ustrd></RmtInf></TxDtls></NtryDtls>
                <AddtlNtryInf>手续费</AddtlNtryInf>
              </Ntry>
            </Stmt>
          </BkToCstmrStmt>
        </Document>
        """.Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
}
