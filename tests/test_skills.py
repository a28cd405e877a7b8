"""Skill extraction: ambiguous surface forms, spans, longest match, counts, resolution.

The ambiguity table is the classic complaint list about skill extractors ("Go" in
"go the extra mile", "R" in "R&D", "excel at", "C" inside "C++"); most rows are quoted
from the Glassdoor and LinkedIn job descriptions in ../shared/data.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paypath.catalog import Alias, ContextRule, Skill
from paypath.errors import UnknownSkill
from paypath.skills import (
    SkillExtractor,
    default_extractor,
    extract_skills,
    resolve_skill,
    resolve_skills,
)


def ids(text: str) -> list[str]:
    return [m.id for m in extract_skills(text)]


NEGATIVE = [
    # (text, skill id that must NOT be found)
    ("We go the extra mile for our customers", "go"),
    ("A company pension scheme", "lisp"),
    ("On-target bonus scheme based on company performance", "lisp"),
    ("Cycle to Work scheme and wellbeing budgets", "lisp"),
    ("Cappuccino, Americano, Espresso, Chai or Matcha", "mocha"),
    ("Free chai and coffee in the office, plus a Mocha machine", "mocha"),
    ("going forward, you will own the roadmap", "go"),
    ("There is no limit to how far you can go with us.", "go"),
    ("understanding our Go-To-Market better than anyone", "go"),
    ("Go-live support for the new ERP", "go"),
    ("Let's Go! Apply today.", "go"),
    ("Please go to the following link to complete your application", "go"),
    ("We look for red flags in transactions", "r"),
    ("Our R&D team ships every week", "r"),
    ("R & D budget ownership", "r"),
    ("the U.S. parent company of R. J. Reynolds Tobacco Company", "r"),
    ("Title commensurate with experience (ref. R-201903-JM)", "r"),
    ("R-squared above 0.8", "r"),
    ("You will excel at communication with clients", "excel"),
    ("Candidates who excel in fast-paced environments", "excel"),
    ("We help our people excel", "excel"),
    ("C-level executives rely on this team", "c"),
    ("We just closed our Series C round", "c"),
    ("John C. Smith, Hiring Manager", "c"),
    ("Grade C or above in Maths", "c"),
    ("Store below 25°C", "c"),
    ("C++ and C# developers wanted", "c"),
    ("Experience with .NET Core", "c"),
    ("Objective-C for iOS", "c"),
    ("Options A, B, C are available", "c"),
    ("Swift response to incidents is expected", "swift"),
    ("This Jobot Job is hosted by: Luke Swift Are you a fit?", "swift"),
    ("The Rust Belt manufacturing sector", "rust"),
    ("Line Cook reports to the Head Chef", "chef"),
    ("Work with our Executive Chef to plan menus", "chef"),
    ("Spark innovation across the organisation", "apache-spark"),
    ("backed by Google Ventures and Spark Capital", "apache-spark"),
    ("This role will spark new ideas", "apache-spark"),
    ("Shell is one of the largest energy companies", "bash"),
    ("Java is not JavaScript", "c"),
    ("JavaScript frameworks like React", "java"),
    ("React quickly to customer feedback", "react"),
    ("We Listen and React to what customers need", "react"),
    ("Together we weathered the Storm of 2020", "apache-storm"),
    ("The company has been named to the JMP Securities list", "jmp"),
    ("Our founders were featured on CNN last year", "deep-learning"),
    ("Current PCA certification for patient care", "dimensionality-reduction"),
    ("a SSBI completed within the last 5 years with a CI Polygraph.", "ci-cd"),
    ("Responsible for CI (continuous improvement) activities", "ci-cd"),
    ("integrating the MPI within the data warehouse", "hpc"),
    ("We source Cocoa beans responsibly", "cocoa"),
    ("stability reports for API and drug product in accordance with regulations", "api-design"),
    ("Additional certifications such as CWI and API inspections are a plus", "api-design"),
    ("Meet us at the Concourse level of the airport", "concourse"),
    ("Model the snowpack and streamflow with Python", "snowpack"),
    ("Please express interest by email", "express"),
    ("Our office is in Phoenix, AZ", "phoenix"),
    ("A sense of unity in the team", "unity"),
    ("Take the helm of the product org", "helm"),
    ("Scalable systems at La Scala", "scala"),
    ("The probability of success is high", "probability"),
    ("Lean on your teammates", "lean"),
    ("Maintenance windows are on Sundays", "windows"),
    ("Go ahead and apply", "go"),
    ("D. Smith in HR", "d-lang"),
    ("R&D tax credits", "d-lang"),
    ("Vitamin D3 supplements", "d3"),
    ("Meet Julia, our head of people", "julia"),
    ("Pacman champion", "pacman"),
    ("Make an impact from day one", "make"),
    ("Render unto Caesar", "render"),
    ("Access to a gym", "ms-access"),
    ("Monitoring progress against milestones", "monitoring"),
    ("Automation of nothing", "automation"),
    ("Networking events every Friday", "networking"),
    ("You and the rest of the team will have great autonomy", "rest-api"),
    ("In compliance with UK Government advice the rest of our workforce is remote", "rest-api"),
    ("If you are among them you can rest assured there is a place for you", "rest-api"),
    ("If you are among them you can rest assured there is a place for you", "api-testing"),
    ("Java developers and the rest of the engineering org", "rest-api"),
    # a lowercase line is a tag line only when most of its words name skills
    ("we go the extra mile and react fast", "go"),
    ("we go the extra mile and react fast", "react"),
    ("spring and summer sales, go big", "spring"),
    ("you will go and talk to the oracle", "oracle-database"),
    ("the cloud is testing us", "cloud-computing"),
    ("go team spirit rocks", "go"),  # one skill word is no tag line
    # a spoken language counts only when asked for (SkillSpan TECH train and dev)
    ("We've also won an award as Best German Robo-Advisor 2016", "german"),
    ("transformed the learning experience for 95% of the German market", "german"),
    ("If you are interested please apply in English to <CONTACT>", "english"),
    ("the everyday living of Finnish people", "finnish"),
    ("Polish your skills with our mentors", "polish"),
    ("an amazing Italian espresso machine", "italian"),
    # fields of work, not skills asked for: only typed names resolve to them
    ("one of the most successful cyber security scale ups", "cybersecurity"),
    ("a team of software engineers and data science professionals", "data-science"),
]

POSITIVE = [
    # (text, skill id that MUST be found, its surface text)
    ("Python, C, Java", "c", "C"),
    ("Experience with Java/Python/C/C++ based system deployment", "c", "C"),
    ("Experience with Java/Python/C/C++ based system deployment", "cpp", "C++"),
    ("C/C++", "c", "C"),
    ("High-level programming languages (MatLab, C, C++, Python)", "c", "C"),
    ("Firmware development: C, Rust, X86/ARM assembler", "c", "C"),
    ("Strong C programming skills", "c", "C programming"),
    ("Embedded C on microcontrollers", "c", "Embedded C"),
    ("machine learning algorithms in either Python or R", "r", "R"),
    ("a statistical language such as R or Python", "r", "R"),
    ("We use R for statistics", "r", "R"),
    ("Exposure to Python, R, or other programming language", "r", "R"),
    ("Experience with Go and Kubernetes", "go", "Go"),
    ("Backend services in Go (golang)", "go", "Go"),
    ("Golang microservices", "go", "Golang"),
    ("Rust, Go and C++", "go", "Go"),
    ("Rust and Go", "rust", "Rust"),
    ("You know Clojure, Rust, or Python", "rust", "Rust"),
    ("compilation of projects using Rust, GoLang, and C++", "rust", "Rust"),
    ("Proficiency in Excel, Access, and data analysis tools", "excel", "Excel"),
    ("Proficiency with MSOffice (Word, Excel and PowerPoint)", "excel", "Excel"),
    ("MS Excel Intermediate to partially Advanced (Pivot tables)", "excel", "MS Excel"),
    ("Advanced Excel skills required", "excel", "Advanced Excel"),
    ("Big Data tools (e.g. Hadoop, Spark)", "apache-spark", "Spark"),
    ("Hands-on experience with Spark and Hadoop", "apache-spark", "Spark"),
    ("Apache Spark and Spark SQL", "apache-spark", "Apache Spark"),
    ("Know Python, R, Java, Scala, Spark", "scala", "Scala"),
    ("iOS applications using Swift, SwiftUI and UIKit", "swift", "Swift"),
    ("Strong proficiency in Swift programming language and iOS SDK", "swift", "Swift programming"),
    ("infrastructure automation tools (Ansible, Chef, Salt, etc.)", "chef", "Chef"),
    ("tools including Ansible, Cloud Formation, Puppet or Chef", "chef", "Chef"),
    ("scripting languages: Perl, Shell, etc.", "bash", "Shell"),
    ("Linux Shell scripting", "bash", "Shell scripting"),
    ("Bash/Shell scripting", "bash", "Bash"),
    ("Sqoop, Spark, Scala, Python, Java, UNIX Shell, Hive", "bash", "UNIX Shell"),
    ("Java and JavaScript", "java", "Java"),
    ("Java and JavaScript", "javascript", "JavaScript"),
    ("C# and .NET", "csharp", "C#"),
    ("C# and .NET", "dotnet", ".NET"),
    ("Knowledge of .NET.", "dotnet", ".NET"),
    ("ASP.NET Core APIs", "aspnet-core", "ASP.NET Core"),
    ("Node.js, Express, React", "nodejs", "Node.js"),
    ("Build REST APIs in Go", "rest-api", "REST APIs"),
    ("REST and GraphQL", "rest-api", "REST"),
    ("Technologies . net agile rest microservices", "rest-api", "rest"),
    ("Technologies reactjs rest amazon-web-services node.js", "rest-api", "rest"),
    ("API tests with REST Assured and Postman", "api-testing", "REST Assured"),
    ("Node.js, Express, React", "express", "Express"),
    ("Node.js, Express, React", "react", "React"),
    ("Working with Next.js and React based frameworks", "react", "React"),
    ("new pages and views using the React framework", "react", "React"),
    ("k8s and GCP", "kubernetes", "k8s"),
    ("k8s and GCP", "gcp", "GCP"),
    ("scikit-learn, sklearn", "scikit-learn", "scikit-learn"),
    ("Google Cloud Platform", "gcp", "Google Cloud Platform"),
    ("Amazon Web Services (AWS)", "aws", "Amazon Web Services"),
    ("CI/CD pipelines", "ci-cd", "CI/CD pipelines"),
    ("Python+SQL", "python", "Python"),
    ("Notepad++ and C++17", "cpp", "C++17"),
    ("AI fluency", "ai-fluency", "AI fluency"),
    ("linear algebra and probability", "probability", "probability"),
    ("D language and Dlang", "d-lang", "D language"),
    ("Unity 3D engine with C#", "unity", "Unity 3D engine"),
    ("Elixir and Phoenix LiveView", "phoenix", "Phoenix LiveView"),
    ("Helm charts for Kubernetes", "helm", "Helm charts"),
    ("Oracle, SQL Server and PostgreSQL", "oracle-database", "Oracle"),
    ("Go, Rust, C", "c", "C"),
    ("Lisp dialects such as Scheme and Racket", "lisp", "Scheme"),
    ("Scheme programming for the compiler course", "lisp", "Scheme"),
    ("unit tests with Mocha and Chai", "mocha", "Chai"),
    ("Jest or Chai assertions", "mocha", "Chai"),
    # Stack Overflow Jobs' technology tags (SkillSpan TECH train and dev postings)
    ("Technologies\njava kotlin spring-boot tdd amazon-web-services", "tdd", "tdd"),
    ("Technologies\nspring java spring-mvc", "spring", "spring"),
    ("Technologies\ntypescript javascript node.js react go", "go", "go"),
    ("Technologies\ntypescript javascript node.js react go", "react", "react"),
    ("Technologies\nlinux c c++ linux-kernel", "c", "c"),
    ("Technologies\narchitect aws gcp azure virtual", "gcp", "gcp"),
    ("Technologies\njavascript html babeljs", "babel", "babeljs"),
    ("Technologies\n. net-core c# oop docker amazon-web-services", "dotnet", "net-core"),
    ("xgboost, scikit-learn, nltk, seaborn, networkx, osmnx", "nltk", "nltk"),
    # tags may use names that prose never counts ("cloud", "testing")
    ("Technologies\nspring java cloud", "cloud-computing", "cloud"),
    ("Technologies\nqa python javascript testing", "software-testing", "testing"),
    ("Technologies\ntesting security web-services", "cybersecurity", "security"),
    ("Fluent in German and English ( verbal and written )", "german", "German"),
    ("Fluent in German and English ( verbal and written )", "english", "English"),
    ("Very good English skills", "english", "English"),
    (
        "Fluent English both written and spoken is a must while German Italian and French "
        "are considered as an advantage",
        "italian",
        "Italian",
    ),
    ("You can speak German fluently ( C1-level or higher )", "german", "German"),
    ("Languages such as Swedish and/or German", "swedish", "Swedish"),
    (
        "Good knowledge of the German and English language is required",
        "english",
        "English language",
    ),
    ("Experience using Spring Boot Spring Cloud ORM JUnit Maven Jenkins", "orm", "ORM"),
    ("Strong fundamentals in data structures caching multithreading", "caching", "caching"),
    ("messaging technologies JMS TIBCO MQ", "jms", "JMS"),
    ("performance in JEE-based Web applications", "java", "JEE"),
    ("experience with CI tools ( Jenkins Concourse )", "ci-cd", "CI"),
    ("HPC and parallel programming techniques (e.g. MPI, OpenMP)", "hpc", "MPI"),
    ("Using tools like webpack and snowpack in your workflow", "snowpack", "snowpack"),
    ("Build APIs to allow standardised access to data", "api-design", "APIs"),
    ("experience with the new Composition API and fp-ts io-ts", "api-design", "API"),
    ("Client-/Server technologies such as REST HTTP and JSON", "http", "HTTP"),
    ("understanding of transpilation BOM DOM and Virtual DOM", "dom", "DOM"),
    ("heavy experience in one or more of: Docker Kubernetes Rancher", "rancher", "Rancher"),
    (
        "stream processing framework ( e.g . Kafka Streams Flink Storm ) is a plus",
        "apache-storm",
        "Storm",
    ),
    ("Enterprise Integration Patterns ( Spring Apache Camel )", "apache-camel", "Apache Camel"),
    ("Mainframe/IBM iSeries exposure is advantageous", "ibm-i", "IBM iSeries"),
    ("BGP OSPF and other internal routing protocols MPLS", "mpls", "MPLS"),
    ("working with the Dynamics NAV/BC", "dynamics", "Dynamics NAV"),
    (
        "Kubernetes Prometheus Elasticsearch Grafana Kibana Splunk DynaTrace etc",
        "dynatrace",
        "DynaTrace",
    ),
    ("network modeling and programing – YANG OpenConfig NETCONF", "netconf", "NETCONF"),
    ("You should be familiar with Swift Objective-C Cocoa", "cocoa", "Cocoa"),
    ("managing applications on Cloud platforms such as PCF", "cloud-foundry", "PCF"),
    ("Good experience in using design patterns UML OO concepts", "uml", "UML"),
    (
        "participating in sprint planning backlog refinement and retrospectives",
        "scrum",
        "retrospectives",
    ),
    # Glassdoor data science postings
    ("ensemble learning, decision trees, SVMs, and CNNs", "classical-ml", "SVMs"),
    ("ensemble learning, decision trees, SVMs, and CNNs", "deep-learning", "CNNs"),
    ("ensemble methods, such as: K-Means, PCA, Regression", "dimensionality-reduction", "PCA"),
    ("Experience with HPC (High Performance Computing)", "hpc", "HPC"),
    (
        "Exposure to Business Intelligence tools (PowerBI, MicroStrategy)",
        "microstrategy",
        "MicroStrategy",
    ),
    ("R, Python, MATLAB, JMP, Minitab, Java", "jmp", "JMP"),
    ("a solid understanding of ERP systems", "erp-systems", "ERP systems"),
    ("Proficiency in CRM software", "crm-systems", "CRM software"),
    (
        "generalized linear models and survival analysis",
        "regression-analysis",
        "generalized linear models",
    ),
]


@pytest.mark.parametrize(("text", "skill_id"), NEGATIVE, ids=[f"{s}:{t[:40]}" for t, s in NEGATIVE])
def test_ambiguous_form_is_not_a_skill_here(text: str, skill_id: str) -> None:
    assert skill_id not in ids(text)


@pytest.mark.parametrize(
    ("text", "skill_id", "surface"), POSITIVE, ids=[f"{s}:{t[:40]}" for t, s, _ in POSITIVE]
)
def test_skill_is_found_with_its_surface_text(text: str, skill_id: str, surface: str) -> None:
    found = [(m.id, m.text) for m in extract_skills(text)]
    assert (skill_id, surface) in found


@pytest.mark.parametrize(
    "text", [t for t, _ in NEGATIVE] + [t for t, _, _ in POSITIVE], ids=lambda t: t[:40]
)
def test_default_output_is_every_mention_unclassified(text: str) -> None:
    plain = extract_skills(text)
    classified = extract_skills(text, scope="all")
    assert all(m.context is None for m in plain)
    assert [(m.id, m.name, m.start, m.end, m.text) for m in plain] == [
        (m.id, m.name, m.start, m.end, m.text) for m in classified
    ]


COMPANY_SENTENCES = {"We use R for statistics"}  # the employer describing its own stack


@pytest.mark.parametrize(
    ("text", "skill_id", "surface"), POSITIVE, ids=[f"{s}:{t[:40]}" for t, s, _ in POSITIVE]
)
def test_short_texts_are_requirements_unless_a_company_describes_itself(
    text: str, skill_id: str, surface: str
) -> None:
    asked = [(m.id, m.text) for m in extract_skills(text, scope="requirements")]
    assert ((skill_id, surface) in asked) is (text not in COMPANY_SENTENCES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("We go the extra mile", [], id="go-idiom"),
        pytest.param("excel at communication", ["communication"], id="excel-verb"),
        pytest.param("R&D", [], id="r-and-d"),
        pytest.param("Python, C, Java", ["python", "c", "java"], id="c-in-list"),
        pytest.param("C/C++", ["c", "cpp"], id="c-slash-cpp"),
        pytest.param("C++, C#, .NET", ["cpp", "csharp", "dotnet"], id="never-c"),
        pytest.param("Google Cloud Platform", ["gcp"], id="longest-gcp"),
        pytest.param("Apache Spark", ["apache-spark"], id="apache-spark-once"),
        pytest.param("Ruby on Rails", ["rails"], id="ror-not-ruby"),
        pytest.param("React Native apps", ["react-native"], id="react-native-not-react"),
        pytest.param("Spring Boot", ["spring-boot"], id="spring-boot-not-spring"),
    ],
)
def test_exact_extraction(text: str, expected: list[str]) -> None:
    assert ids(text) == expected


def test_mentions_carry_spans_and_counts_deduplicate() -> None:
    text = "Python and AWS. More Python, AWS and Amazon Web Services."
    mentions = extract_skills(text)
    assert [(m.id, m.start, m.end, m.text) for m in mentions] == [
        ("python", 0, 6, "Python"),
        ("aws", 11, 14, "AWS"),
        ("python", 21, 27, "Python"),
        ("aws", 29, 32, "AWS"),
        ("aws", 37, 56, "Amazon Web Services"),
    ]
    assert default_extractor().counts(text) == {"python": 2, "aws": 3}


def test_case_sensitive_alias_needs_exact_case() -> None:
    assert "go" not in ids("we love to go fast with python")
    assert "go" in ids("We write Go services")


def test_extractor_over_given_skills_and_empty_taxonomy() -> None:
    spark = Skill(
        id="spark",
        name="Spark",
        category="data",
        aliases=(Alias(text="Spark", ambiguous=True),),
        context=ContextRule(reject=(r"@ joy",), accept=(r"@ jobs",)),
    )
    extractor = SkillExtractor([spark])
    assert [m.id for m in extractor.extract("Spark jobs, spark joy")] == ["spark"]
    assert SkillExtractor([]).extract("anything at all") == []


def test_real_posting_finds_its_stack() -> None:
    ad = (
        "Requirements: 3+ years with Python (pandas, NumPy), SQL on PostgreSQL and Snowflake, "
        "Airflow DAGs, dbt models, Docker and Kubernetes on AWS; nice to have: Spark, Kafka."
    )
    found = set(ids(ad))
    expected = {"python", "pandas", "numpy", "sql", "postgresql", "snowflake", "airflow", "dbt"}
    assert expected | {"docker", "kubernetes", "aws", "apache-spark", "kafka"} <= found


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_extract_never_raises_and_spans_index_the_input(text: str) -> None:
    for m in extract_skills(text):
        assert text[m.start : m.end] == m.text
        assert 0 <= m.start < m.end <= len(text)


WORDS = ["C", "C++", "R", "Go", "go", "R&D", "Excel", ".NET", "C#", "k8s", "İ", "ß", "Spark"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*WORDS, " ", ", ", "/", ".", "\n", "-"]), max_size=30))
def test_spans_stay_right_around_tricky_tokens(parts: list[str]) -> None:
    text = "".join(parts)
    mentions = extract_skills(text)
    assert all(text[m.start : m.end] == m.text for m in mentions)
    assert all(a.end <= b.start for a, b in itertools.pairwise(mentions))
    assert "c" not in {m.id for m in mentions if m.text in {"C++", "C#", ".NET"}}


@pytest.mark.parametrize(
    ("name", "skill_id"),
    [
        pytest.param("k8s", "kubernetes", id="k8s"),
        pytest.param("GCP", "gcp", id="gcp"),
        pytest.param("golang", "go", id="golang"),
        pytest.param("C#", "csharp", id="csharp"),
        pytest.param(".net", "dotnet", id="dotnet"),
        pytest.param("node.js", "nodejs", id="nodejs"),
        pytest.param("NodeJS", "nodejs", id="nodejs-loose"),
        pytest.param("Scikit Learn", "scikit-learn", id="sklearn-space"),
        pytest.param("  PYTORCH ", "pytorch", id="case-and-space"),
        pytest.param("ci-cd", "ci-cd", id="id"),
        pytest.param("Bash/Shell (all shells)", "bash", id="survey-bash"),
        pytest.param("Microsoft Azure", "azure", id="survey-azure"),
        pytest.param("cybersecurity", "cybersecurity", id="cybersecurity"),
        pytest.param("Information Security", "cybersecurity", id="infosec"),
        pytest.param("data science", "data-science", id="data-science"),
        pytest.param("cloud", "cloud-computing", id="cloud"),
        pytest.param("German", "german", id="spoken-language"),
    ],
)
def test_resolve_skill(name: str, skill_id: str) -> None:
    assert resolve_skill(name).id == skill_id


def test_unknown_skill_lists_close_matches() -> None:
    with pytest.raises(UnknownSkill, match="kubernetes") as info:
        resolve_skill("kubernets")
    assert isinstance(info.value, LookupError)
    with pytest.raises(UnknownSkill, match="unknown skill"):
        resolve_skill("underwater basket weaving")


def test_resolve_skills_splits_known_and_unknown() -> None:
    skills, unknown = resolve_skills(["python", "Python 3", "k8s", "", "quantum knitting"])
    assert [s.id for s in skills] == ["python", "kubernetes"]
    assert unknown == ["quantum knitting"]


POSTING = """Senior Java Developer (m/f/d)
About us
We run on Kubernetes and Go.
Requirements
3+ years of experience with Java and PostgreSQL.
Benefits
MacBook Pro or Linux laptop"""


def test_tally_counts_mentions_and_those_asked_for() -> None:
    assert default_extractor().tally(POSTING) == {
        "java": (2, 1),  # the title and a requirement
        "kubernetes": (1, 0),  # the company's stack
        "go": (1, 0),
        "postgresql": (1, 1),
        "linux": (1, 0),  # a benefit
    }


_PIECES = st.sampled_from(
    ["Python", "Java", "Go", "AWS", "Kubernetes", "React", "SQL", "Requirements", "About us",
     "Benefits:", "We use", "experience with", "Senior", "Developer", "laptop", "and", ",",
     ".", "\n", " ", "our stack is", "you will"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(max_size=300), st.lists(_PIECES, max_size=40).map(" ".join)))
def test_tally_agrees_with_counts_and_requirement_scope(text: str) -> None:
    extractor = default_extractor()
    tally = extractor.tally(text)
    assert {k: named for k, (named, _) in tally.items()} == extractor.counts(text)
    asked = {k: n for k, (_, n) in tally.items() if n}
    assert asked == extractor.counts(text, scope="requirements")
